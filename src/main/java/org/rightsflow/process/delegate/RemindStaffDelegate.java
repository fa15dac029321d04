package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.setup.StaffRecipients;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_RemindStaff: five days before the due date, the staff of the open tasks are reminded by email. */
@Component(RightsRequestModel.BEAN_REMIND_STAFF)
public class RemindStaffDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;
    private final StaffRecipients recipients;

    public RemindStaffDelegate(RequestLifecycle lifecycle, StaffRecipients recipients) {
        this.lifecycle = lifecycle;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.remindStaff(requestId(execution), recipients.ofOpenTasks(execution.getProcessBusinessKey()));
    }
}
