package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.process.setup.StaffRecipients;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_EscalateOverdue: the due date passed; the privacy officers are told by email. */
@Component(RightsRequestModel.BEAN_ESCALATE_OVERDUE)
public class EscalateOverdueDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;
    private final StaffRecipients recipients;

    public EscalateOverdueDelegate(RequestLifecycle lifecycle, StaffRecipients recipients) {
        this.lifecycle = lifecycle;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.escalateOverdue(requestId(execution), recipients.ofGroup(StaffGroups.PRIVACY_OFFICERS));
    }
}
