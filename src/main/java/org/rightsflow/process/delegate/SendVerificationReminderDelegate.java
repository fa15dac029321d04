package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.process.model.RightsRequestModel;
import org.springframework.stereotype.Component;

/** Task_SendVerificationReminder: day 3 without verification. */
@Component(RightsRequestModel.BEAN_SEND_VERIFICATION_REMINDER)
public class SendVerificationReminderDelegate implements JavaDelegate {

    private final IdentityVerificationService identity;

    public SendVerificationReminderDelegate(IdentityVerificationService identity) {
        this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        identity.remind(requestId(execution));
    }
}
