package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_ConfirmWithdrawal: the workflow stopped; tell the requester. */
@Component(RightsRequestModel.BEAN_CONFIRM_WITHDRAWAL)
public class ConfirmWithdrawalDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public ConfirmWithdrawalDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.confirmWithdrawal(requestId(execution));
    }
}
