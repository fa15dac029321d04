package org.rightsflow.process.listener;

import java.util.LinkedHashSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.process.ManualVerificationTasks;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * Task_VerifyIdentityManually. On create: the account's other requests waiting for staff, as the form shows them. On
 * complete: intake staff's decision, checked and recorded, for this request and for each one that joined it (the
 * engine refuses it from whoever entered the request: separation of duties).
 */
@Component(RightsRequestModel.BEAN_MANUAL_VERIFICATION_LISTENER)
public class ManualVerificationListener implements TaskListener {

    private final IdentityVerificationService identity;
    private final ManualVerificationTasks view;

    public ManualVerificationListener(IdentityVerificationService identity, ManualVerificationTasks view) {
        this.identity = identity;
        this.view = view;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            view.show(task, TaskListeners.requestId(task));
            return;
        }
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        ReviewDecisions.requireOneOf(VariableNames.DECISION, decision, ReviewDecisions.IDENTITY);
        ReviewDecisions.requireExplanation(ProcessVariables.string(task, VariableNames.EXPLANATION));
        identity.recordManualDecision(TaskListeners.requestId(task), "VERIFIED".equals(decision),
                TaskListeners.currentUser(task),
                new LinkedHashSet<>(ProcessVariables.stringList(task, VariableNames.CONFIRMED_REQUESTS)));
        task.setVariable(VariableNames.VERIFICATION_DECISION, decision);
        task.removeVariable(VariableNames.CONFIRMED_REQUESTS);
        task.removeVariableLocal(VariableNames.CASE_REQUESTS);
        task.removeVariableLocal(VariableNames.CASE_CHOICES);
        TaskListeners.clearFormFields(task);
    }
}
