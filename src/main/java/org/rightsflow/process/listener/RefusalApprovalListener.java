package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.Variables;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * Completing Task_ApproveRefusal: the four-eyes rule is enforced here, in the engine, so that no client (Tasklist,
 * REST API) can let the proposer approve their own refusal.
 */
@Component("refusalApprovalListener")
public class RefusalApprovalListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReviewDecisions.requireSecondPerson(ProcessVariables.string(task, Variables.REVIEW_PROPOSER),
                TaskListeners.currentUser(task));
        String approval = ProcessVariables.string(task, Variables.DECISION);
        ReviewDecisions.requireOneOf(Variables.DECISION, approval, ReviewDecisions.APPROVAL);
        String comment = ProcessVariables.string(task, Variables.EXPLANATION);
        ReviewDecisions.requireExplanation(comment);
        task.setVariable(Variables.APPROVAL_DECISION, approval);
        task.setVariable(Variables.APPROVAL_COMMENT, comment);
        if ("APPROVE".equals(approval) && "REFUSE".equals(ProcessVariables.string(task, Variables.REVIEW_DECISION))) {
            task.setVariable(Variables.OUTCOME, RequestLifecycle.OUTCOME_REFUSED);
        }
        TaskListeners.clearFormFields(task);
    }
}
