package org.rightsflow.process;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * An engine call made for a request inside the domain's transaction (a correlation, a moved timer, a variable): when
 * a job changes the same process instance at the same moment, the engine's {@link OptimisticLockingException}
 * surfaces as Spring's {@link ConcurrencyFailureException}, which the web layer retries with the whole transaction.
 * The domain never sees an engine exception.
 */
public final class EngineChanges {

    private EngineChanges() {
    }

    /** Runs {@code change} on the process instances of the request {@code reference}. */
    public static void ofRequest(String reference, Runnable change) {
        try {
            change.run();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + reference, e);
        }
    }
}
