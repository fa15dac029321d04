package org.rightsflow.process.model;

/**
 * Ids of {@code processes/exemption-review.bpmn}: a privacy officer's exemption review of one request, called by
 * {@link RightsRequestModel#CALL_ACTIVITY_REVIEW_EXEMPTIONS} with the request's business key.
 *
 * <p>A process of its own so that all its user tasks belong to one candidate group: the officers then see and work
 * them through one grant on this definition, and the engine writes no authorization row per review task
 * (docs/staff.md, "Authorizations"; {@code process.setup.DefinitionTaskGrants}). RightsRequestProcess keeps intake
 * staff's task; the two groups must never see each other's tasks.
 *
 * <p>In: {@link VariableNames#REQUEST_ID}, {@link VariableNames#REFERENCE}, {@link VariableNames#REQUEST_TYPE},
 * {@link VariableNames#DUE_DATE}, {@link VariableNames#DUE_DATE_PROVISIONAL}, the triage facts the form shows
 * ({@link VariableNames#LEGAL_HOLD}, {@link VariableNames#OPEN_INVESTIGATION}, {@link VariableNames#MINOR_ACCOUNT},
 * {@link VariableNames#SENSITIVE_CATEGORIES}, {@link VariableNames#REPEAT_COUNT}, {@link VariableNames#EARLIER_REFERENCES},
 * {@link VariableNames#SUGGESTED_GROUNDS}, {@link VariableNames#DELETION_GROUND_MISSING}), how the request came here
 * ({@link VariableNames#REFERRED_TO_REVIEW}, {@link VariableNames#FULFILMENT_START}) and a proposal the legal reviewer sent
 * back ({@link VariableNames#REVIEW_DECISION}, {@link VariableNames#REFUSED_CATEGORIES}, {@link VariableNames#APPROVAL_DECISION},
 * {@link VariableNames#APPROVAL_COMMENT}). Out: {@link VariableNames#REVIEW_DECISION}, {@link VariableNames#REVIEW_PROPOSER},
 * {@link VariableNames#REFUSED_CATEGORIES}, {@link VariableNames#RESULT_GROUNDS}, {@link VariableNames#RESULT_EXPLANATION},
 * {@link VariableNames#RESTRICT_KEPT_DATA}.
 */
public final class ExemptionReviewModel {

    public static final String PROCESS_ID = "ExemptionReviewProcess";
    public static final String RESOURCE = "processes/exemption-review.bpmn";
    public static final String GROUP_PRIVACY_OFFICERS = StaffGroups.PRIVACY_OFFICERS;
    public static final String FORM_EXEMPTION_REVIEW = "Form_ExemptionReview";

    /**
     * Task listener (complete): checks the decision, its grounds and explanation again on the server and stores a
     * PARTIAL or REFUSE as the signed-in officer's refusal proposal.
     */
    public static final String BEAN_EXEMPTION_REVIEW_LISTENER = "exemptionReviewListener";

    public static final String START_EVENT_REVIEW_NEEDED = "StartEvent_ReviewNeeded";
    public static final String TASK_REVIEW_EXEMPTIONS = "Task_ReviewExemptions";
    public static final String END_EVENT_REVIEWED = "EndEvent_Reviewed";

    private ExemptionReviewModel() {
    }
}
