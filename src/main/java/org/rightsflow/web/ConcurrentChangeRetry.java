package org.rightsflow.web;

import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * A requester's action can meet a job working on the same process instance at that moment; the engine then
 * rejects one of the two. The job executor retries its side; this retries ours, with a fresh transaction (the
 * requester API and the Privacy Center both call the services through it).
 */
public final class ConcurrentChangeRetry {

    private static final int ATTEMPTS = 4;

    private ConcurrentChangeRetry() {
    }

    public static <T> T run(Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ConcurrencyFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
