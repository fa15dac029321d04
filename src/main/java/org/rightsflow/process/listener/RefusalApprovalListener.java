package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RefusalApprovalModel;
import org.rightsflow.process.model.Variables;
import org.rightsflow.review.RefusalProposal;
import org.rightsflow.review.RefusalProposals;
import org.springframework.stereotype.Component;

/**
 * Completing Task_ApproveRefusal of RefusalApprovalProcess, the one approval step of every refusal. The four-eyes rule
 * is enforced here, in the engine, so that no client (Tasklist, the engine REST API) can let the proposer approve
 * their own refusal. The proposer is read from the stored proposal, found by the business key (the request's
 * reference): a task completion can set any process variable, {@code reviewProposer} included, but not the business
 * key.
 */
@Component(RefusalApprovalModel.BEAN_REFUSAL_APPROVAL_LISTENER)
public class RefusalApprovalListener implements TaskListener {

    private final RefusalProposals proposals;

    public RefusalApprovalListener(RefusalProposals proposals) {
        this.proposals = proposals;
    }

    @Override
    public void notify(DelegateTask task) {
        RefusalProposal decided = proposals.decide(task.getExecution().getProcessBusinessKey(),
                TaskListeners.currentUser(task), ProcessVariables.string(task, Variables.DECISION),
                ProcessVariables.string(task, Variables.EXPLANATION));
        task.setVariable(Variables.APPROVAL_DECISION, decided.approval());
        task.setVariable(Variables.APPROVAL_COMMENT, decided.approvalComment());
        TaskListeners.clearFormFields(task);
    }
}
