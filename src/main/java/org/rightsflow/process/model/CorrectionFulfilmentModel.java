package org.rightsflow.process.model;


/**
 * Ids of {@code processes/correction-fulfilment.bpmn} (CORRECT), called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate (business key = reference), resultGrounds, resultExplanation.
 * Out: outcome, resultGrounds, resultExplanation.
 *
 * <p>No requested or current value ever becomes a variable: {@code checkCorrections} records the changes in the
 * application's tables and writes only {@link #REVIEWABLE_CHANGES}; the review form shows
 * {@link #CORRECTION_ROWS} and {@link #CORRECTION_OPTIONS}, task-local variables that hold masked values and
 * change numbers only, set by {@code correctionReviewListener} when the task is created (with the changes the checks
 * found cannot be applied pre-ticked in {@link #REJECTED_CHANGES}, a process variable the officer's submission
 * replaces: a suggestion, never a refusal by itself) and removed when it completes. The form writes {@code decision} (APPLY/REJECT), {@link #REJECTED_CHANGES} (change
 * numbers), {@code grounds} and {@code explanation}; the listener validates them on the server, records the decision
 * per change and keeps {@link #CORRECTION_DECISION} and {@link #CORRECTION_REFUSAL}. Anything not applied is the
 * officer's refusal proposal ({@link #CORRECTION_GROUNDS}, {@link #CORRECTION_EXPLANATION} for the approval form),
 * approved or sent back by a second person in RefusalApprovalProcess before {@link #TASK_APPLY_CORRECTIONS} runs.
 */
public final class CorrectionFulfilmentModel {

    public static final String PROCESS_ID = "CorrectionFulfilmentProcess";
    public static final String RESOURCE = "processes/correction-fulfilment.bpmn";

    public static final String GROUP_PRIVACY_OFFICERS = StaffGroups.PRIVACY_OFFICERS;
    public static final String FORM_CORRECTION_REVIEW = "Form_CorrectionReview";

    /** Writes {@link #REVIEWABLE_CHANGES}. */
    public static final String BEAN_CHECK_CORRECTIONS = "checkCorrections";
    /** Task listener on create (prepares the masked view) and complete (validates and records the decision). */
    public static final String BEAN_CORRECTION_REVIEW_LISTENER = "correctionReviewListener";
    /** Writes {@code outcome}, {@code resultGrounds}, {@code resultExplanation}. */
    public static final String BEAN_APPLY_CORRECTIONS = "applyCorrections";
    /** Restricts the categories of the changes the officer disputes, while the refusal proposal is reviewed. */
    public static final String BEAN_RESTRICT_CONTESTED_DATA = "restrictContestedData";
    /** Lifts that restriction once the correction is decided (nothing to do when none was made). */
    public static final String BEAN_LIFT_CONTESTED_RESTRICTION = "liftContestedRestriction";

    public static final String START_EVENT = "StartEvent_CorrectionRequested";
    public static final String TASK_CHECK_CORRECTIONS = "Task_CheckCorrections";
    public static final String GATEWAY_ANY_TO_REVIEW = "Gateway_AnyToReview";
    /** Joins the first review and a refusal proposal the legal reviewer sent back. */
    public static final String GATEWAY_JOIN_REVIEW = "Gateway_JoinReview";
    public static final String TASK_REVIEW_CORRECTION = "Task_ReviewCorrection";
    /** {@link #CORRECTION_REFUSAL}: to the second person, or straight to the writing. */
    public static final String GATEWAY_ANYTHING_REFUSED = "Gateway_AnythingRefused";
    /** {@link #RESTRICT_CONTESTED_DATA}: restrict the contested categories while the proposal is reviewed, or not. */
    public static final String GATEWAY_RESTRICT_CONTESTED = "Gateway_RestrictContested";
    public static final String TASK_RESTRICT_CONTESTED_DATA = "Task_RestrictContestedData";
    /** Each system flags the contested categories restricted ({@link SystemStepsModel}, operation RESTRICT). */
    public static final String CALL_ACTIVITY_RESTRICT_CONTESTED_IN_EVERY_SYSTEM =
            "CallActivity_RestrictContestedInEverySystem";
    public static final String GATEWAY_JOIN_RESTRICTED = "Gateway_JoinRestricted";
    public static final String CALL_ACTIVITY_APPROVE_REFUSAL = "CallActivity_ApproveRefusal";
    public static final String GATEWAY_REFUSAL_APPROVED = "Gateway_RefusalApproved";
    public static final String GATEWAY_JOIN_APPLY = "Gateway_JoinApply";
    /** Each system's part: {@link SystemStepsModel#PROCESS_ID} with operation CORRECT. */
    public static final String CALL_ACTIVITY_CORRECT_IN_EVERY_SYSTEM = "CallActivity_CorrectInEverySystem";
    public static final String TASK_APPLY_CORRECTIONS = "Task_ApplyCorrections";
    public static final String TASK_LIFT_CONTESTED_RESTRICTION = "Task_LiftContestedRestriction";
    /** Each system lifts it where nothing else holds the rows ({@link SystemStepsModel}, operation LIFT_RESTRICTION). */
    public static final String CALL_ACTIVITY_LIFT_CONTESTED_IN_EVERY_SYSTEM = "CallActivity_LiftContestedInEverySystem";
    public static final String END_EVENT = "EndEvent_CorrectionFulfilled";

    // --- variables
    /**
     * Integer: changes a privacy officer has to decide on, those the checks found cannot be applied included (0: an
     * approved partial refusal of the exemption review kept every change out).
     */
    public static final String REVIEWABLE_CHANGES = "reviewableChanges";
    /**
     * Task-local JSON list of rows (change, field, category, current, requested, note): the changes with masked
     * values, for the form's table, which renders each cell as plain text (never as Markdown or HTML).
     */
    public static final String CORRECTION_ROWS = "correctionRows";
    /** Task-local JSON list of {label, value}: the choices of {@link #REJECTED_CHANGES}, masked. */
    public static final String CORRECTION_OPTIONS = "correctionOptions";
    /** Form field: JSON list of the change numbers rejected when the decision is APPLY. */
    public static final String REJECTED_CHANGES = "rejectedChanges";
    /** APPLY or REJECT, copied from the form's decision. */
    public static final String CORRECTION_DECISION = "correctionDecision";
    /** Boolean: the officer's decision leaves at least one change unapplied (a refusal proposal). */
    public static final String CORRECTION_REFUSAL = "correctionRefusal";
    /**
     * Form field (checkbox): the officer disputes the changes they do not apply and restricts their categories while
     * the refusal proposal is reviewed (storage and security only), until the correction is decided.
     */
    public static final String RESTRICT_WHILE_DISPUTED = "restrictWhileDisputed";
    /**
     * Boolean, from the listener: a refusal proposal whose contested categories are to be restricted meanwhile (not
     * named like {@link #BEAN_RESTRICT_CONTESTED_DATA}: a variable would shadow the bean in the delegate expression).
     */
    public static final String RESTRICT_CONTESTED_DATA = "contestedDataToRestrict";
    /** The proposal's grounds (comma-separated codes), shown to the approver. */
    public static final String CORRECTION_GROUNDS = "correctionGrounds";
    /** The proposal's explanation, shown to the approver; the requester is told it once approved. */
    public static final String CORRECTION_EXPLANATION = "correctionExplanation";

    public static final String APPLY = "APPLY";
    public static final String REJECT = "REJECT";

    private CorrectionFulfilmentModel() {
    }
}
