package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.Variables;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/** Completing Task_FulfilManually: what the data operator did becomes the outcome. */
@Component("manualFulfilmentListener")
public class ManualFulfilmentListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String decision = ProcessVariables.string(task, Variables.DECISION);
        ReviewDecisions.requireOneOf(Variables.DECISION, decision, ReviewDecisions.MANUAL_FULFILMENT);
        var grounds = ProcessVariables.stringList(task, Variables.GROUNDS);
        ReviewDecisions.requireGroundsForRefusal("PARTIALLY_COMPLETED".equals(decision), grounds);
        String explanation = ProcessVariables.string(task, Variables.EXPLANATION);
        ReviewDecisions.requireExplanation(explanation);
        task.setVariable(Variables.OUTCOME, decision);
        if ("PARTIALLY_COMPLETED".equals(decision)) {
            task.setVariable(Variables.RESULT_GROUNDS, String.join(",", grounds));
            task.setVariable(Variables.RESULT_EXPLANATION, explanation);
        }
        TaskListeners.clearFormFields(task);
    }
}
