package org.rightsflow.process;

import org.camunda.bpm.engine.RuntimeService;
import org.rightsflow.fulfilment.cancellation.BlockersCleared;
import org.rightsflow.fulfilment.cancellation.CancellationRevoked;
import org.rightsflow.process.model.AccountCancellationModel;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The account-cancellation events as engine calls, inside the transaction that published them (as
 * {@link RequestEventBridge} does for the request's own events). Only the cancellation process of the request
 * waits for these messages (business key = reference); a message that finds no waiting instance is dropped: the
 * domain already checked the phase and a daily re-check covers a missed "blockers cleared".
 */
@Component
public class CancellationEventBridge {

    private final RuntimeService runtime;

    public CancellationEventBridge(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    public void on(CancellationRevoked revoked) {
        correlate(AccountCancellationModel.MSG_CANCELLATION_REVOKED, revoked.reference());
    }

    @EventListener
    public void on(BlockersCleared cleared) {
        correlate(AccountCancellationModel.MSG_BLOCKERS_CLEARED, cleared.reference());
    }

    private void correlate(String message, String reference) {
        EngineChanges.ofRequest(reference, () -> {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(reference)
                    .correlateAll();
        });
    }
}
