package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.process.model.DeletionFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyErasure: the requester of a DELETE is told what was erased and what is restricted until when. */
@Component(DeletionFulfilmentModel.BEAN_NOTIFY_ERASURE)
public class NotifyErasureDelegate implements JavaDelegate {

    private final ErasureFulfilment erasure;

    public NotifyErasureDelegate(ErasureFulfilment erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.notifyErasure(requestId(execution));
        execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }
}
