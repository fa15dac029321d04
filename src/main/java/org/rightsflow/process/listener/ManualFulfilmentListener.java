package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.ManualFulfilmentModel;
import org.rightsflow.process.model.Variables;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * Completing Task_FulfilManually: what the data operator did becomes the outcome. A partial result refuses the rest:
 * it is stored as the operator's refusal proposal, which a second person approves in RefusalApprovalProcess.
 */
@Component(ManualFulfilmentModel.BEAN_MANUAL_FULFILMENT_LISTENER)
public class ManualFulfilmentListener implements TaskListener {

    private final RefusalProposals proposals;

    public ManualFulfilmentListener(RefusalProposals proposals) {
        this.proposals = proposals;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = ProcessVariables.string(task, Variables.DECISION);
        ReviewDecisions.requireOneOf(Variables.DECISION, decision, ReviewDecisions.MANUAL_FULFILMENT);
        var grounds = ProcessVariables.stringList(task, Variables.GROUNDS);
        ReviewDecisions.requireGroundsForRefusal(Variables.OUTCOME_PARTIALLY_COMPLETED.equals(decision), grounds);
        String explanation = ProcessVariables.string(task, Variables.EXPLANATION);
        ReviewDecisions.requireExplanation(explanation);
        task.setVariable(Variables.OUTCOME, decision);
        if (Variables.OUTCOME_PARTIALLY_COMPLETED.equals(decision)) {
            String operator = TaskListeners.currentUser(task);
            proposals.propose(TaskListeners.requestId(task), RefusalSubject.MANUAL_FULFILMENT, Variables.PARTIAL, grounds,
                    explanation, operator);
            task.setVariable(Variables.REVIEW_PROPOSER, operator);
            task.setVariable(Variables.REVIEW_DECISION, Variables.PARTIAL);
            // the requester's result is told these grounds only once approved (Event_OperatorRefusalApproved):
            // a proposal sent back and then done in full leaves what came in untouched
            task.setVariable(Variables.PROPOSED_GROUNDS, String.join(",", grounds));
            task.setVariable(Variables.PROPOSED_EXPLANATION, explanation);
        }
        TaskListeners.clearFormFields(task);
    }
}
