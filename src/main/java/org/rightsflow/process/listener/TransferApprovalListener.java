package org.rightsflow.process.listener;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.fulfilment.transfer.TransferApproval;
import org.rightsflow.fulfilment.transfer.TransferFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.TransferFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.springframework.stereotype.Component;

/**
 * Task_ApproveTransfer. On create: the recipient, masked, in a task-local variable for the form (the full name and
 * email stay in the request's details: variables reach the engine's history). On complete: the decision is checked
 * again on the server. APPROVE is recorded; REJECT is a refusal proposal of the signed-in officer (grounds and
 * explanation), which a second person approves in RefusalApprovalProcess before the requester is told anything. When
 * a condition is not ticked, TRANSFER_CONDITIONS_NOT_MET is put to the approver as the suggested ground.
 */
@Component(TransferFulfilmentModel.BEAN_TRANSFER_APPROVAL_LISTENER)
public class TransferApprovalListener implements TaskListener {

    private final TransferFulfilment transfer;
    private final RefusalProposals proposals;

    public TransferApprovalListener(TransferFulfilment transfer, RefusalProposals proposals) {
        this.transfer = transfer;
        this.proposals = proposals;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal(TransferFulfilmentModel.TRANSFER_RECIPIENT,
                    TaskListeners.json(transfer.recipientForReview(TaskListeners.requestId(task))));
            return;
        }
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        String explanation = ProcessVariables.string(task, VariableNames.EXPLANATION);
        Map<String, Boolean> conditions = new HashMap<>();
        for (String condition : TransferApproval.CONDITIONS) {
            conditions.put(condition, Boolean.TRUE.equals(task.getVariable(condition)));
        }
        boolean approved = TransferApproval.check(decision, conditions, explanation);
        String officer = TaskListeners.currentUser(task);
        if (approved) {
            transfer.recordDecision(TaskListeners.requestId(task), true, officer);
        } else {
            List<String> grounds = ProcessVariables.stringList(task, VariableNames.GROUNDS);
            proposals.propose(TaskListeners.requestId(task), RefusalSubject.TRANSFER, VariableNames.REFUSE, grounds,
                    explanation, officer);
            task.setVariable(VariableNames.REVIEW_PROPOSER, officer);
            task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.REFUSE);
            task.setVariable(VariableNames.SUGGESTED_GROUNDS, TransferApproval.suggestedGrounds(conditions));
            task.setVariable(VariableNames.RESULT_GROUNDS, String.join(",", grounds));
            task.setVariable(VariableNames.RESULT_EXPLANATION, explanation);
        }
        task.setVariable(TransferFulfilmentModel.TRANSFER_DECISION, decision);
        task.removeVariableLocal(TransferFulfilmentModel.TRANSFER_RECIPIENT);
        TaskListeners.clearFormFields(task);
    }
}
