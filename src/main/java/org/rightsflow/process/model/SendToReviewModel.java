package org.rightsflow.process.model;


/**
 * Ids of {@code processes/send-to-review.bpmn}: a privacy officer sends a request to the exemption review from the
 * start form {@link #FORM_SEND_TO_REVIEW} in Tasklist. {@link #TASK_SEND_TO_REVIEW} records the referral (who, why)
 * in the application's tables, in the form submission's transaction, and removes the form's fields;
 * {@link #TASK_FORGET_FORM_FIELDS} removes their history. Business key afterwards: the request's reference.
 *
 * <p>Form fields (start form variables, removed by {@link #BEAN_SEND_TO_REVIEW}): {@link #FIELD_REFERENCE},
 * {@link #FIELD_REASON}.
 */
public final class SendToReviewModel {

    public static final String PROCESS_ID = "SendToReviewProcess";
    public static final String RESOURCE = "processes/send-to-review.bpmn";
    public static final String FORM_SEND_TO_REVIEW = "Form_SendToReview";
    public static final String GROUP_PRIVACY_OFFICERS = StaffGroups.PRIVACY_OFFICERS;

    public static final String START_EVENT_REFERRAL_ENTERED = "StartEvent_ReferralEntered";
    public static final String TASK_SEND_TO_REVIEW = "Task_SendToReview";
    public static final String TASK_FORGET_FORM_FIELDS = "Task_ForgetFormFields";
    public static final String END_EVENT_SENT_TO_REVIEW = "EndEvent_SentToReview";

    public static final String BEAN_SEND_TO_REVIEW = "sendToReview";

    /**
     * Service tasks without {@code asyncBefore}, on purpose: they run in the form submission's transaction and only
     * write the application's tables, so a referral the domain refuses is reported in Tasklist, not as an incident.
     */
    public static final java.util.Set<String> FORM_TRANSACTION_TASKS = java.util.Set.of(TASK_SEND_TO_REVIEW);

    public static final String FIELD_REFERENCE = "referralReference";
    public static final String FIELD_REASON = "referralReason";

    private SendToReviewModel() {
    }
}
