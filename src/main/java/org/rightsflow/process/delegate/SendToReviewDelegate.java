package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.SendToReviewModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.ReviewReferral;
import org.rightsflow.review.ReviewReferrals;
import org.springframework.stereotype.Component;

/**
 * Task_SendToReview of SendToReviewProcess: the start form's reference and reason become a referral to the exemption
 * review, recorded with the signed-in officer. The fields leave the process at once (the reason is staff text, kept in
 * the application's table); {@code forgetStartFormFields} then removes their history. Runs in the form submission's
 * transaction: a refused referral (no such request, fulfilment already started) is shown in Tasklist and nothing is
 * stored.
 */
@Component(SendToReviewModel.BEAN_SEND_TO_REVIEW)
public class SendToReviewDelegate implements JavaDelegate {

    private final ReviewReferrals referrals;

    public SendToReviewDelegate(ReviewReferrals referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reference = ProcessVariables.string(execution, SendToReviewModel.FIELD_REFERENCE);
        String reason = ProcessVariables.string(execution, SendToReviewModel.FIELD_REASON);
        execution.removeVariable(SendToReviewModel.FIELD_REFERENCE);
        execution.removeVariable(SendToReviewModel.FIELD_REASON);
        ReviewReferral referral = referrals.refer(reference, officer(execution), reason);
        execution.setProcessBusinessKey(referral.reference());
        execution.setVariable(VariableNames.REFERENCE, referral.reference());
        execution.setVariable(VariableNames.REQUEST_ID, referral.requestId());
    }

    private static String officer(DelegateExecution execution) {
        Authentication authentication =
                execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
