package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_CloseUnverified: closed as CLOSED_UNVERIFIED with a notice. */
@Component(RightsRequestModel.BEAN_CLOSE_UNVERIFIED)
public class CloseUnverifiedDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public CloseUnverifiedDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.closeUnverified(requestId(execution));
    }
}
