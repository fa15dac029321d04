package org.rightsflow.process.model;


/**
 * Ids of {@code processes/manual-fulfilment.bpmn}: a data operator fulfils a right by hand where
 * no connector exists yet; called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate (business key = reference), resultGrounds,
 * resultExplanation. Out: outcome, resultGrounds, resultExplanation.
 *
 * <p>The form writes {@code decision} (COMPLETED or PARTIALLY_COMPLETED), {@code grounds} (for a
 * partial result) and {@code explanation}; {@code manualFulfilmentListener} validates them, sets
 * {@code outcome} and, for a partial result, the refusal proposal ({@code proposedGrounds},
 * {@code proposedExplanation}, stored in the application's tables too).
 * The two result variables come in as well as go out, so what an approved PARTIAL review put
 * there survives when the operator has nothing to add. A partial result is the operator's refusal
 * proposal: {@link #CALL_ACTIVITY_APPROVE_REFUSAL} puts it to a second person; approved,
 * {@link #EVENT_OPERATOR_REFUSAL_APPROVED} makes it {@code resultGrounds} and {@code resultExplanation};
 * sent back, it returns to {@link #TASK_FULFIL_MANUALLY} and the result variables stay as they came in.
 */
public final class ManualFulfilmentModel {

    public static final String PROCESS_ID = "ManualFulfilmentProcess";
    public static final String RESOURCE = "processes/manual-fulfilment.bpmn";

    public static final String GROUP_DATA_OPERATORS = StaffGroups.DATA_OPERATORS;
    public static final String FORM_MANUAL_FULFILMENT = "Form_ManualFulfilment";
    /** Task listener on complete. */
    public static final String BEAN_MANUAL_FULFILMENT_LISTENER = "manualFulfilmentListener";

    public static final String START_EVENT = "StartEvent_ManualFulfilmentRequested";
    /** Joins the start and a partial result the legal reviewer sent back. */
    public static final String GATEWAY_JOIN_FULFIL_MANUALLY = "Gateway_JoinFulfilManually";
    public static final String TASK_FULFIL_MANUALLY = "Task_FulfilManually";
    /** COMPLETED ends; PARTIALLY_COMPLETED goes to the second person. */
    public static final String GATEWAY_ALL_DONE = "Gateway_AllDone";
    public static final String END_EVENT = "EndEvent_ManuallyFulfilled";
    public static final String CALL_ACTIVITY_APPROVE_REFUSAL = "CallActivity_ApproveRefusal";
    public static final String GATEWAY_REFUSAL_APPROVED = "Gateway_RefusalApproved";
    /** The approved proposal becomes resultGrounds and resultExplanation. */
    public static final String EVENT_OPERATOR_REFUSAL_APPROVED = "Event_OperatorRefusalApproved";
    public static final String END_EVENT_PARTLY_FULFILLED = "EndEvent_PartlyFulfilled";

    private ManualFulfilmentModel() {
    }
}
