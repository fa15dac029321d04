package org.rightsflow.process.listener;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.Variables;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/** Completing Task_ReviewExemptions: the decision is checked again and its proposer remembered for four eyes. */
@Component("exemptionReviewListener")
public class ExemptionReviewListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String decision = ProcessVariables.string(task, Variables.DECISION);
        List<String> grounds = ProcessVariables.stringList(task, Variables.GROUNDS);
        ReviewDecisions.requireOneOf(Variables.DECISION, decision, ReviewDecisions.REVIEW);
        ReviewDecisions.requireGroundsForRefusal(!"PROCEED".equals(decision), grounds);
        String explanation = ProcessVariables.string(task, Variables.EXPLANATION);
        ReviewDecisions.requireExplanation(explanation);
        task.setVariable(Variables.REVIEW_DECISION, decision);
        task.setVariable(Variables.REVIEW_PROPOSER, TaskListeners.currentUser(task));
        if (!"PROCEED".equals(decision)) {
            // What the requester will be told if the legal reviewer approves.
            task.setVariable(Variables.RESULT_GROUNDS, String.join(",", grounds));
            task.setVariable(Variables.RESULT_EXPLANATION, explanation);
        }
        TaskListeners.clearFormFields(task);
    }
}
