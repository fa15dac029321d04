package org.rightsflow.process.listener;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.fulfilment.transfer.TransferApproval;
import org.rightsflow.fulfilment.transfer.TransferRequestFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.TransferFulfilmentModel;
import org.rightsflow.process.model.Variables;
import org.springframework.stereotype.Component;

/**
 * Task_ApproveTransfer. On create: the recipient, masked, in a task-local variable for the form (the full name and
 * email stay in the request's details: variables reach the engine's history). On complete: the decision is checked
 * again on the server; a rejection becomes the outcome REFUSED with the ground TRANSFER_CONDITIONS_NOT_MET and the
 * officer's explanation, which the requester is told.
 */
@Component("transferApprovalListener")
public class TransferApprovalListener implements TaskListener {

    private final TransferRequestFulfilment transfer;

    public TransferApprovalListener(TransferRequestFulfilment transfer) {
        this.transfer = transfer;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal(TransferFulfilmentModel.TRANSFER_RECIPIENT,
                    transfer.recipientForReview(TaskListeners.requestId(task)));
            return;
        }
        String decision = ProcessVariables.string(task, Variables.DECISION);
        String explanation = ProcessVariables.string(task, Variables.EXPLANATION);
        Map<String, Boolean> conditions = new HashMap<>();
        for (String condition : TransferApproval.CONDITIONS) {
            conditions.put(condition, Boolean.TRUE.equals(task.getVariable(condition)));
        }
        boolean approved = TransferApproval.check(decision, conditions, explanation);
        transfer.recordDecision(TaskListeners.requestId(task), approved, TaskListeners.currentUser(task));
        task.setVariable(TransferFulfilmentModel.TRANSFER_DECISION, decision);
        if (!approved) {
            task.setVariable(Variables.OUTCOME, Variables.OUTCOME_REFUSED);
            task.setVariable(Variables.RESULT_GROUNDS, TransferApproval.GROUND);
            task.setVariable(Variables.RESULT_EXPLANATION, explanation);
        }
        task.removeVariableLocal(TransferFulfilmentModel.TRANSFER_RECIPIENT);
        TaskListeners.clearFormFields(task);
    }
}
