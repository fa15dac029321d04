package org.rightsflow.process.model;

import java.util.Set;
import org.rightsflow.request.RequestOutcome;

/**
 * Process variable names shared by the models, and the values the gateways compare them with.
 *
 * <p>Process variables hold ids, flags, dates and decisions only, never personal data: the engine's
 * history is read by Cockpit users and auditors.
 *
 * <p>Who writes what:
 * <ul>
 *   <li>Java, at the start of {@link RightsRequestModel#PROCESS_ID}: {@link #REQUEST_ID}, {@link #REQUEST_TYPE},
 *       {@link #DUE_DATE}, {@link #REMINDER_DATE}, {@link #MANUAL_VERIFICATION_REQUIRED} (only when true),
 *       {@link #DUE_DATE_PROVISIONAL} (cleared by {@code process.deadline.ProvisionalFlag} when the calendar
 *       data arrives; {@code CallActivity_Fulfil} passes it in so that fulfilment tasks show it too). The request's
 *       {@link #REFERENCE} is its business key, not a variable of its own: the call activities pass it to the called
 *       processes as {@link #REFERENCE}, and {@code taskCardListener} puts it task-local on a task of a process
 *       without it (Tasklist's reference column and the forms' fallback link read it).</li>
 *   <li>{@code gatherTriageFacts}: {@link #REPEAT_COUNT}, {@link #EARLIER_REFERENCES},
 *       {@link #LEGAL_HOLD}, {@link #OPEN_INVESTIGATION}, {@link #MINOR_ACCOUNT},
 *       {@link #SENSITIVE_CATEGORIES}, {@link #DELETION_GROUND_MISSING}, {@link #REFERRED_TO_REVIEW}.</li>
 *   <li>The DMN {@code exemption-triage}, through the output mapping of
 *       {@code Task_TriageExemptions}: {@link #REVIEW_NEEDED}, {@link #SUGGESTED_GROUNDS}.</li>
 *   <li>Tasklist forms: {@link #DECISION}, {@link #GROUNDS} (a JSON list of ground codes),
 *       {@link #EXPLANATION}. Every form writes the same three names, so each task listener
 *       copies the form's {@code decision} into a variable of its own:
 *       {@link #VERIFICATION_DECISION} ({@code manualVerificationListener}),
 *       {@link #REVIEW_DECISION} and {@link #REVIEW_PROPOSER} ({@code exemptionReviewListener} and every
 *       other step that proposes a refusal: they also store the proposal in the application's tables),
 *       {@link #APPROVAL_DECISION} and {@link #APPROVAL_COMMENT} ({@code refusalApprovalListener} in the shared
 *       RefusalApprovalProcess, which refuses completion by the proposer of the stored proposal; the variable
 *       {@link #REVIEW_PROPOSER} is for display only). The listeners then remove the three form fields, so the
 *       next form starts empty.</li>
 *   <li>{@link #OUTCOME}: the fulfilment processes (passed out of the call activities;
 *       {@code manualFulfilmentListener} and {@code publishDownload}); the model itself sets
 *       it on two paths, see {@link RightsRequestModel}.</li>
 *   <li>{@link #RESULT_GROUNDS} and {@link #RESULT_EXPLANATION}: what the requester is told
 *       about a refused or undone part ({@code exemptionReviewListener} for PARTIAL/REFUSE,
 *       {@code manualFulfilmentListener} for PARTIALLY_COMPLETED); read by {@code sendResult}.
 *       {@code CallActivity_Fulfil} passes both in and out, so a value set by the
 *       review survives a manual fulfilment that does not replace it.</li>
 *   <li>{@code buildAccessReport}: {@link #DOWNLOAD_ID} (transient: published in the same job); the download expiry
 *       process is started with {@link #DOWNLOAD_ID} and {@link #EXPIRES_AT} (transient: its timer reads it as it
 *       starts).</li>
 * </ul>
 */
public final class VariableNames {

    // --- set by Java when the request is filed
    public static final String REQUEST_ID = "requestId";
    public static final String REFERENCE = "reference";
    public static final String REQUEST_TYPE = "requestType";
    public static final String DUE_DATE = "dueDate";
    public static final String REMINDER_DATE = "reminderDate";
    /**
     * True while the due date rests on a year without official working-day calendar data (the earliest possible
     * date; it stays when the data arrives and this turns false). Set at the start only then: missing is not
     * provisional. A Tasklist column and filter show it to staff.
     */
    public static final String DUE_DATE_PROVISIONAL = "dueDateProvisional";
    /**
     * True when intake staff verify by hand instead of codes: set at the start only then (see
     * {@link #MANUAL_VERIFICATION_REASON}); missing, Gateway_VerificationRoute sends codes.
     */
    public static final String MANUAL_VERIFICATION_REQUIRED = "manualVerificationRequired";
    /**
     * Why intake staff verify by hand: LOCKED (set when Msg_VerificationLocked is correlated), STAFF_ENTERED,
     * CONTACT_RECENTLY_CHANGED, NO_PHONE_ON_FILE (set at the start). A code, shown in Form_ManualIdentityCheck.
     */
    public static final String MANUAL_VERIFICATION_REASON = "manualVerificationReason";
    /**
     * How a request needing staff reaches them: TASK, JOIN (its account's open manual verification decides it too),
     * WAIT (no account) or DEFER (the account's task of the day was decided: routed again the next day). Set with
     * {@link #MANUAL_VERIFICATION_REASON}; read by Gateway_StaffRoute.
     */
    public static final String MANUAL_VERIFICATION_ROUTE = "manualVerificationRoute";
    /** With route DEFER: when the request is routed again (the next day, Beijing time); the date of its timer. */
    public static final String MANUAL_VERIFICATION_ROUTED_AGAIN_AT = "manualVerificationRoutedAgainAt";
    /** Task-local, Form_ManualIdentityCheck: the requests of the account's manual verification (codes and dates). */
    public static final String CASE_REQUESTS = "caseRequests";
    /** Task-local, Form_ManualIdentityCheck: the joined requests staff may confirm, as checklist choices. */
    public static final String CASE_CHOICES = "caseChoices";
    /** Form field of Form_ManualIdentityCheck: references of joined requests the account holder confirmed. */
    public static final String CONFIRMED_REQUESTS = "confirmedRequests";

    // --- triage facts (gatherTriageFacts) and the triage decision (DMN exemption-triage)
    public static final String REPEAT_COUNT = "repeatCount";
    public static final String LEGAL_HOLD = "legalHold";
    public static final String OPEN_INVESTIGATION = "openInvestigation";
    public static final String MINOR_ACCOUNT = "minorAccount";
    public static final String SENSITIVE_CATEGORIES = "sensitiveCategories";
    /** Triage fact: entered by intake staff (a flag; who entered it stays in the request table). */
    public static final String ENTERED_BY_STAFF = "enteredByStaff";
    /** Comma-separated references of the earlier requests counted in {@link #REPEAT_COUNT}, shown to the reviewer. */
    public static final String EARLIER_REFERENCES = "earlierReferences";
    /**
     * A DELETE whose requester stated none of the five deletion grounds: never refused by the product, always put to
     * a privacy officer (Gateway_ReviewNeeded), with DELETION_GROUND_MISSING as the suggested ground (the triage DMN).
     */
    public static final String DELETION_GROUND_MISSING = "deletionGroundMissing";
    /**
     * A privacy officer sent the request to the exemption review (staff API or Tasklist) and no review has taken it up
     * yet: read at triage (Gateway_ReviewNeeded); the reasons stay in the application's table review_referral.
     */
    public static final String REFERRED_TO_REVIEW = "referredToReview";
    public static final String REVIEW_NEEDED = "reviewNeeded";
    public static final String SUGGESTED_GROUNDS = "suggestedGrounds";

    /**
     * Task-local, on every user task of a request: the request's card in Chinese and English (Markdown, no personal
     * data) that the decision forms show; {@code taskCardListener} writes it when the task is created.
     */
    public static final String TASK_CARD = "taskCard";

    // --- form fields (docs/staff.md, decision forms) and the decisions the listeners copy from them
    public static final String DECISION = "decision";
    public static final String GROUNDS = "grounds";
    public static final String EXPLANATION = "explanation";
    public static final String VERIFICATION_DECISION = "verificationDecision";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_PROPOSER = "reviewProposer";
    public static final String APPROVAL_DECISION = "approvalDecision";
    /** The legal reviewer's explanation; shown in the review form when a proposal was rejected. */
    public static final String APPROVAL_COMMENT = "approvalComment";
    /**
     * PARTIAL only: the refused data categories. Form_ExemptionReview's checklist writes a JSON list;
     * {@code exemptionReviewListener} validates it and keeps comma-separated DataCategory codes.
     */
    public static final String REFUSED_CATEGORIES = "refusedCategories";
    /**
     * Boolean: the refusal of a DELETE or CANCEL_ACCOUNT, once approved, restricts what it keeps (its grounds say
     * deleting would need excessive technical means or is impractical). {@code exemptionReviewListener} writes it
     * with each proposal, {@code planErasure} when an approved partial refusal kept every asked category.
     */
    public static final String RESTRICT_KEPT_DATA = "restrictKeptData";
    /**
     * ManualFulfilmentProcess: the grounds and explanation a data operator proposes for the part not done; they become
     * {@link #RESULT_GROUNDS} and {@link #RESULT_EXPLANATION} only once a second person approved them.
     */
    public static final String PROPOSED_GROUNDS = "proposedGrounds";
    public static final String PROPOSED_EXPLANATION = "proposedExplanation";

    /**
     * Date: until when the requester may answer a clarification (set when Msg_ClarificationRequested is correlated);
     * the timer that closes an unanswered request waits for it, and the notice names it.
     */
    public static final String CLARIFICATION_ANSWER_BY = "clarificationAnswerBy";

    // --- results
    public static final String OUTCOME = "outcome";
    /** Comma-separated ground codes the requester is told for what was refused or not done. */
    public static final String RESULT_GROUNDS = "resultGrounds";
    /** The explanation the requester is told for what was refused or not done. */
    public static final String RESULT_EXPLANATION = "resultExplanation";
    public static final String DOWNLOAD_ID = "downloadId";
    public static final String EXPIRES_AT = "expiresAt";

    /**
     * The decision fields every Tasklist decision form writes: the timeline and the evidence pack show, per task, the
     * values submitted at its completion (their variable-update history, which the lean history keeps).
     */
    public static final Set<String> DECISION_FORM_FIELDS = Set.of(DECISION, GROUNDS, EXPLANATION, REFUSED_CATEGORIES,
            OUTCOME);

    // --- values of requestType (the API codes of docs/api.md)
    public static final String TYPE_ACCESS = "ACCESS";
    public static final String TYPE_COPY = "COPY";
    public static final String TYPE_CORRECT = "CORRECT";
    public static final String TYPE_DELETE = "DELETE";
    public static final String TYPE_TRANSFER = "TRANSFER";
    public static final String TYPE_WITHDRAW_CONSENT = "WITHDRAW_CONSENT";
    public static final String TYPE_CANCEL_ACCOUNT = "CANCEL_ACCOUNT";

    // --- values of verificationDecision (Form_ManualIdentityCheck)
    public static final String VERIFIED = "VERIFIED";
    public static final String NOT_VERIFIED = "NOT_VERIFIED";

    // --- values of reviewDecision (Form_ExemptionReview)
    public static final String PROCEED = "PROCEED";
    public static final String PARTIAL = "PARTIAL";
    public static final String REFUSE = "REFUSE";

    // --- values of approvalDecision (Form_RefusalApproval)
    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";

    // --- values of outcome (Form_ManualFulfilment offers the first two), spelt once in RequestOutcome
    public static final String OUTCOME_COMPLETED = RequestOutcome.COMPLETED.name();
    public static final String OUTCOME_PARTIALLY_COMPLETED = RequestOutcome.PARTIALLY_COMPLETED.name();
    public static final String OUTCOME_REFUSED = RequestOutcome.REFUSED.name();

    private VariableNames() {
    }

    /** The key of the process that fulfils this request's right (set when fulfilment starts). */
    public static final String FULFILMENT_PROCESS = "fulfilmentProcess";
    /**
     * What Task_StartFulfilment found (a {@code FulfilmentStart} code): STARTED, REFERRED_TO_REVIEW (a privacy
     * officer sent the request to review since its triage) or WAITING_FOR_REQUESTER (the clock is paused).
     */
    public static final String FULFILMENT_START = "fulfilmentStart";
    public static final String FULFILMENT_STARTED = "STARTED";
    public static final String FULFILMENT_REFERRED_TO_REVIEW = "REFERRED_TO_REVIEW";
    public static final String FULFILMENT_WAITING_FOR_REQUESTER = "WAITING_FOR_REQUESTER";
}
