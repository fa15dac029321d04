package org.rightsflow.process.listener;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.AccountCancellationModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * Task_DecideBlockedCancellation. On create: what is still open (kinds and counts, never amounts) in a task-local
 * variable for the form: the product's finding, put to a person. On complete: PROCEED (cancel all the same) is
 * recorded; REFUSE is the officer's refusal proposal with grounds and an explanation, which a second person approves
 * in RefusalApprovalProcess before the requester is refused.
 */
@Component(AccountCancellationModel.BEAN_BLOCKED_CANCELLATION_LISTENER)
public class BlockedCancellationListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of(AccountCancellationModel.PROCEED, AccountCancellationModel.REFUSE);

    private final AccountCancellationFulfilment cancellation;
    private final RefusalProposals proposals;

    public BlockedCancellationListener(AccountCancellationFulfilment cancellation, RefusalProposals proposals) {
        this.cancellation = cancellation;
        this.proposals = proposals;
    }

    @Override
    public void notify(DelegateTask task) {
        String requestId = TaskListeners.requestId(task);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            List<String> open = cancellation.checkBlockers(requestId).describeForStaff();
            task.setVariableLocal(AccountCancellationModel.OPEN_BLOCKERS, open.isEmpty()
                    ? "已无（上次检查后已结清）/ nothing any more (settled since the last check)" : String.join("; ", open));
            return;
        }
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        ReviewDecisions.requireOneOf(VariableNames.DECISION, decision, DECISIONS);
        String explanation = ProcessVariables.string(task, VariableNames.EXPLANATION);
        ReviewDecisions.requireExplanation(explanation);
        String officer = TaskListeners.currentUser(task);
        if (AccountCancellationModel.REFUSE.equals(decision)) {
            List<String> grounds = ProcessVariables.stringList(task, VariableNames.GROUNDS);
            proposals.propose(requestId, RefusalSubject.CANCELLATION, VariableNames.REFUSE, grounds, explanation, officer);
            task.setVariable(VariableNames.REVIEW_PROPOSER, officer);
            task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.REFUSE);
            task.setVariable(VariableNames.RESULT_GROUNDS, String.join(",", grounds));
            task.setVariable(VariableNames.RESULT_EXPLANATION, explanation);
        } else {
            cancellation.proceedDespiteBlockers(requestId, officer);
        }
        task.setVariable(AccountCancellationModel.BLOCKED_DECISION, decision);
        task.removeVariableLocal(AccountCancellationModel.OPEN_BLOCKERS);
        TaskListeners.clearFormFields(task);
    }
}
