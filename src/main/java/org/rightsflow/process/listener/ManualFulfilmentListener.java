package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.ManualFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
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
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        ReviewDecisions.requireOneOf(VariableNames.DECISION, decision, ReviewDecisions.MANUAL_FULFILMENT);
        var grounds = ProcessVariables.stringList(task, VariableNames.GROUNDS);
        ReviewDecisions.requireGroundsForRefusal(VariableNames.OUTCOME_PARTIALLY_COMPLETED.equals(decision), grounds);
        String explanation = ProcessVariables.string(task, VariableNames.EXPLANATION);
        ReviewDecisions.requireExplanation(explanation);
        task.setVariable(VariableNames.OUTCOME, decision);
        if (VariableNames.OUTCOME_PARTIALLY_COMPLETED.equals(decision)) {
            String operator = TaskListeners.currentUser(task);
            proposals.propose(TaskListeners.requestId(task), RefusalSubject.MANUAL_FULFILMENT, VariableNames.PARTIAL, grounds,
                    explanation, operator);
            task.setVariable(VariableNames.REVIEW_PROPOSER, operator);
            task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.PARTIAL);
            // the requester's result is told these grounds only once approved (Event_OperatorRefusalApproved):
            // a proposal sent back and then done in full leaves what came in untouched
            task.setVariable(VariableNames.PROPOSED_GROUNDS, String.join(",", grounds));
            task.setVariable(VariableNames.PROPOSED_EXPLANATION, explanation);
        }
        TaskListeners.clearFormFields(task);
    }
}
