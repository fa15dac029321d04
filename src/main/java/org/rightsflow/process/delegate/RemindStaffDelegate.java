package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_RemindStaff: five days before the due date. */
@Component("remindStaff")
public class RemindStaffDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public RemindStaffDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.remindStaff(requestId(execution));
    }
}
