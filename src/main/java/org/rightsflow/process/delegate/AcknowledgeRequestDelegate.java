package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_Acknowledge: the acknowledgement notice. */
@Component(RightsRequestModel.BEAN_ACKNOWLEDGE_REQUEST)
public class AcknowledgeRequestDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public AcknowledgeRequestDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.acknowledge(requestId(execution));
    }
}
