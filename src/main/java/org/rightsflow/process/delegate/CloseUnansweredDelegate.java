package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.request.ClarificationService;
import org.springframework.stereotype.Component;

/** Task_CloseUnanswered: thirty days without the requester's clarification: the request closes, with a notice. */
@Component(RightsRequestModel.BEAN_CLOSE_UNANSWERED)
public class CloseUnansweredDelegate implements JavaDelegate {

    private final ClarificationService clarifications;

    public CloseUnansweredDelegate(ClarificationService clarifications) {
        this.clarifications = clarifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clarifications.closeUnanswered(requestId(execution));
    }
}
