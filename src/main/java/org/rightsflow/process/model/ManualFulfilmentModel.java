package org.rightsflow.process.model;

/**
 * Ids of {@code processes/manual-fulfilment.bpmn}: a data operator fulfils a right by hand where
 * no connector exists yet; called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate (business key = reference), resultGrounds,
 * resultExplanation. Out: outcome, resultGrounds, resultExplanation.
 *
 * <p>The form writes {@code decision} (COMPLETED or PARTIALLY_COMPLETED), {@code grounds} (for a
 * partial result) and {@code explanation}; {@code manualFulfilmentListener} validates them, sets
 * {@code outcome} and, for a partial result, {@code resultGrounds} and {@code resultExplanation}.
 * The two result variables come in as well as go out, so what an approved PARTIAL review put
 * there survives when the operator has nothing to add.
 */
public final class ManualFulfilmentModel {

    public static final String PROCESS_ID = "ManualFulfilmentProcess";
    public static final String RESOURCE = "processes/manual-fulfilment.bpmn";

    public static final String GROUP_DATA_OPERATORS = "data-operators";
    public static final String FORM_MANUAL_FULFILMENT = "Form_ManualFulfilment";
    /** Task listener on complete. */
    public static final String BEAN_MANUAL_FULFILMENT_LISTENER = "manualFulfilmentListener";

    public static final String START_EVENT = "StartEvent_ManualFulfilmentRequested";
    public static final String TASK_FULFIL_MANUALLY = "Task_FulfilManually";
    public static final String END_EVENT = "EndEvent_ManuallyFulfilled";

    private ManualFulfilmentModel() {
    }
}
