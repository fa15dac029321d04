package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.process.model.DeferredErasureModel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_EraseHeld: the retention expired and the hold's system erased what expired (its step ran before); records it
 * and says whether rows are still held, and until when.
 */
@Component(DeferredErasureModel.BEAN_ERASE_HELD)
public class EraseHeldDelegate implements JavaDelegate {

    private final ErasureFulfilment erasure;

    public EraseHeldDelegate(ErasureFulfilment erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<Instant> next = erasure.afterDeferredStep((String) execution.getVariable(DeferredErasureModel.HOLD_ID));
        execution.setVariable(DeferredErasureModel.STILL_HELD, next.isPresent());
        next.ifPresent(at -> execution.setVariable(DeferredErasureModel.RETENTION_END, Date.from(at)));
    }
}
