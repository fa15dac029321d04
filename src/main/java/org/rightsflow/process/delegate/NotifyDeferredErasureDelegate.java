package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.process.model.DeferredErasureModel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyDeferredErasure: the requester is told that the held category is now erased. */
@Component(DeferredErasureModel.BEAN_NOTIFY_DEFERRED_ERASURE)
public class NotifyDeferredErasureDelegate implements JavaDelegate {

    private final ErasureFulfilment erasure;

    public NotifyDeferredErasureDelegate(ErasureFulfilment erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.notifyDeferredErasure((String) execution.getVariable(DeferredErasureModel.HOLD_ID));
    }
}
