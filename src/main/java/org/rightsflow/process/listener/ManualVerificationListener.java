package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.Variables;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/** Completing Task_VerifyIdentityManually: intake staff's decision, checked and recorded. */
@Component("manualVerificationListener")
public class ManualVerificationListener implements TaskListener {

    private final IdentityVerificationService identity;

    public ManualVerificationListener(IdentityVerificationService identity) {
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = ProcessVariables.string(task, Variables.DECISION);
        ReviewDecisions.requireOneOf(Variables.DECISION, decision, ReviewDecisions.IDENTITY);
        ReviewDecisions.requireExplanation(ProcessVariables.string(task, Variables.EXPLANATION));
        identity.recordManualDecision(TaskListeners.requestId(task), "VERIFIED".equals(decision),
                TaskListeners.currentUser(task));
        task.setVariable(Variables.VERIFICATION_DECISION, decision);
        TaskListeners.clearFormFields(task);
    }
}
