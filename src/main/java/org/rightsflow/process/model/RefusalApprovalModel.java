package org.rightsflow.process.model;


/**
 * Ids of {@code processes/refusal-approval.bpmn}: the second person of every refusal. Each process that can refuse
 * something calls {@link #PROCESS_ID} from a call activity with the proposal and reads back {@link
 * VariableNames#APPROVAL_DECISION} ({@code APPROVE}: refuse as proposed; {@code REJECT}: back to the proposer's step, with
 * {@link VariableNames#APPROVAL_COMMENT}).
 *
 * <p>In (display only; the four-eyes rule reads the stored proposal, never these): {@link VariableNames#REQUEST_ID},
 * {@link VariableNames#REFERENCE}, {@link VariableNames#REQUEST_TYPE}, {@link VariableNames#DUE_DATE}, {@link #REFUSAL_SUBJECT},
 * {@link VariableNames#REVIEW_PROPOSER}, {@link VariableNames#REVIEW_DECISION}, {@link VariableNames#RESULT_GROUNDS},
 * {@link VariableNames#RESULT_EXPLANATION}; where they apply {@link VariableNames#REFUSED_CATEGORIES},
 * {@link VariableNames#SUGGESTED_GROUNDS}, {@link VariableNames#REPEAT_COUNT}.
 */
public final class RefusalApprovalModel {

    public static final String PROCESS_ID = "RefusalApprovalProcess";
    public static final String RESOURCE = "processes/refusal-approval.bpmn";
    public static final String GROUP_LEGAL_REVIEWERS = StaffGroups.LEGAL_REVIEWERS;
    public static final String FORM_REFUSAL_APPROVAL = "Form_RefusalApproval";

    /** Task listener (complete): checks the decision and the four-eyes rule against the stored proposal. */
    public static final String BEAN_REFUSAL_APPROVAL_LISTENER = "refusalApprovalListener";

    public static final String START_EVENT_REFUSAL_PROPOSED = "StartEvent_RefusalProposed";
    public static final String TASK_APPROVE_REFUSAL = "Task_ApproveRefusal";
    public static final String END_EVENT_APPROVAL_DECIDED = "EndEvent_ApprovalDecided";

    /**
     * What the proposal refuses, a {@code RefusalSubject} code (EXEMPTION_REVIEW, TRANSFER, CORRECTION, CANCELLATION, MANUAL_FULFILMENT),
     * set by the calling activity's input mapping; the approval form words its summary by it.
     */
    public static final String REFUSAL_SUBJECT = "refusalSubject";

    private RefusalApprovalModel() {
    }
}
