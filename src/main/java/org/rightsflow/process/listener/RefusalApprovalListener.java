package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RefusalApprovalModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.RefusalProposal;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
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
        recordProposalOfAnEarlierModel(task);
        RefusalProposal decided = proposals.decide(task.getExecution().getProcessBusinessKey(),
                TaskListeners.currentUser(task), ProcessVariables.string(task, VariableNames.DECISION),
                ProcessVariables.string(task, VariableNames.EXPLANATION));
        task.setVariable(VariableNames.APPROVAL_DECISION, decided.approval());
        task.setVariable(VariableNames.APPROVAL_COMMENT, decided.approvalComment());
        TaskListeners.clearFormFields(task);
    }

    /**
     * A request whose refusal was proposed before proposals were stored waits at the approval task of an earlier
     * version of RightsRequestProcess: its proposal is recorded from that instance's variables first (they were
     * written by the exemption review), so that it can be decided like any other.
     */
    private void recordProposalOfAnEarlierModel(DelegateTask task) {
        String definitionId = task.getProcessDefinitionId();
        boolean earlierModel = definitionId != null && !definitionId.startsWith(RefusalApprovalModel.PROCESS_ID + ":");
        String requestId = TaskListeners.requestId(task);
        if (earlierModel && requestId != null && proposals.open(requestId).isEmpty()) {
            proposals.propose(requestId, RefusalSubject.EXEMPTION_REVIEW,
                    ProcessVariables.string(task, VariableNames.REVIEW_DECISION),
                    ProcessVariables.stringList(task, VariableNames.RESULT_GROUNDS),
                    ProcessVariables.string(task, VariableNames.RESULT_EXPLANATION),
                    ProcessVariables.string(task, VariableNames.REVIEW_PROPOSER));
        }
    }
}
