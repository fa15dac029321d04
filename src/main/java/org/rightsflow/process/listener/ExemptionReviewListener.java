package org.rightsflow.process.listener;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.erasure.ErasureScope;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.ExemptionReviewModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.rightsflow.review.ReviewDecisions;
import org.rightsflow.review.ReviewReferrals;
import org.rightsflow.review.ReviewScopes;
import org.springframework.stereotype.Component;

/**
 * Completing Task_ReviewExemptions (ExemptionReviewProcess): the decision, its grounds, the refused categories of a
 * PARTIAL decision and the explanation are checked again on the server. A PARTIAL or REFUSE decision is stored as a
 * refusal proposal of the signed-in officer, which the legal reviewer of RefusalApprovalProcess approves or sends back
 * (four eyes). Pending referrals to review are marked as taken up. What it sets goes back to RightsRequestProcess by
 * the calling activity's output mapping.
 */
@Component(ExemptionReviewModel.BEAN_EXEMPTION_REVIEW_LISTENER)
public class ExemptionReviewListener implements TaskListener {

    private final ReviewScopes scopes;
    private final RefusalProposals proposals;
    private final ReviewReferrals referrals;
    private final TimeSource time;

    public ExemptionReviewListener(ReviewScopes scopes, RefusalProposals proposals, ReviewReferrals referrals,
                                   TimeSource time) {
        this.scopes = scopes;
        this.proposals = proposals;
        this.referrals = referrals;
        this.time = time;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        List<String> grounds = ProcessVariables.stringList(task, VariableNames.GROUNDS);
        ReviewDecisions.requireOneOf(VariableNames.DECISION, decision, ReviewDecisions.REVIEW);
        ReviewScopes.requirePartialApplies(ProcessVariables.string(task, VariableNames.REQUEST_TYPE), decision);
        ReviewDecisions.requireGroundsForRefusal(!VariableNames.PROCEED.equals(decision), grounds);
        List<String> refusedCategories = ReviewDecisions.requireRefusedCategories(decision,
                ProcessVariables.stringList(task, VariableNames.REFUSED_CATEGORIES));
        String explanation = ProcessVariables.string(task, VariableNames.EXPLANATION);
        ReviewDecisions.requireExplanation(explanation);
        String proposer = TaskListeners.currentUser(task);
        String requestId = TaskListeners.requestId(task);
        task.setVariable(VariableNames.REVIEW_DECISION, decision);
        task.setVariable(VariableNames.REVIEW_PROPOSER, proposer);
        if (refusedCategories.isEmpty()) {
            // null, not removed: the calling activity passes it out, so a PARTIAL proposal sent back leaves no
            // categories behind for a later REFUSE or PROCEED
            task.setVariable(VariableNames.REFUSED_CATEGORIES, null);
        } else {
            // Codes only (no personal data); the approval form shows them, the partial notice names them.
            task.setVariable(VariableNames.REFUSED_CATEGORIES, String.join(",", refusedCategories));
        }
        scopes.record(requestId, decision, refusedCategories, proposer, time.now());
        // the referrals made until now are taken up by this review (a later one sends the request here again)
        referrals.reviewed(requestId);
        if (!VariableNames.PROCEED.equals(decision)) {
            proposals.propose(requestId, RefusalSubject.EXEMPTION_REVIEW, decision, grounds, explanation, proposer);
            // What the requester will be told if the legal reviewer approves.
            task.setVariable(VariableNames.RESULT_GROUNDS, String.join(",", grounds));
            task.setVariable(VariableNames.RESULT_EXPLANATION, explanation);
        }
        // Once approved, a DELETE or CANCEL_ACCOUNT refused on excessive technical means or impracticality restricts
        // what it keeps (storage and security only).
        task.setVariable(VariableNames.RESTRICT_KEPT_DATA, ErasureScope.restrictsWhatIsKept(
                ProcessVariables.string(task, VariableNames.REQUEST_TYPE), decision, grounds));
        TaskListeners.clearFormFields(task);
    }
}
