package org.rightsflow.process.model;

/**
 * Ids of {@code processes/deletion-fulfilment.bpmn}, called by {@code CallActivity_Fulfil} for DELETE and by
 * {@code CallActivity_EraseAll} of {@link AccountCancellationModel}. In: requestId, reference, requestType, dueDate,
 * resultGrounds, resultExplanation (business key = reference). Out: outcome, resultGrounds, resultExplanation.
 */
public final class DeletionFulfilmentModel {

    public static final String PROCESS_ID = "DeletionFulfilmentProcess";
    public static final String RESOURCE = "processes/deletion-fulfilment.bpmn";

    /**
     * Plans per category; writes {@link #ERASURE_REFUSED} (and, when it is true, outcome REFUSED and
     * {@link VariableNames#RESTRICT_KEPT_DATA}).
     */
    public static final String BEAN_PLAN_ERASURE = "planErasure";
    /**
     * Records a hold per system and category that a retention rule still holds after the systems' steps, and starts
     * one {@link DeferredErasureModel#PROCESS_ID} per hold (through the engine's RuntimeService).
     */
    public static final String BEAN_SCHEDULE_DEFERRED_ERASURE = "scheduleDeferredErasure";
    /** The summary notice of a DELETE; writes outcome COMPLETED. */
    public static final String BEAN_NOTIFY_ERASURE = "notifyErasure";

    /**
     * Boolean: an approved partial refusal (exemption review, two people) kept every category the DELETE asked for, so
     * nothing is erased and the request is refused on the review's grounds, which were passed in. The product never
     * sets it on its own findings: a DELETE without a stated ground went to the review instead.
     */
    public static final String ERASURE_REFUSED = "erasureRefused";

    public static final String START_EVENT = "StartEvent_DeletionRequested";
    public static final String TASK_PLAN_ERASURE = "Task_PlanErasure";
    public static final String GATEWAY_ANYTHING_TO_ERASE = "Gateway_AnythingToErase";
    /** Each system's part: {@link SystemStepsModel#PROCESS_ID} with operation ERASE. */
    public static final String CALL_ACTIVITY_ERASE_IN_EVERY_SYSTEM = "CallActivity_EraseInEverySystem";
    public static final String TASK_SCHEDULE_DEFERRED_ERASURE = "Task_ScheduleDeferredErasure";
    public static final String TASK_NOTIFY_ERASURE = "Task_NotifyErasure";
    /** On the refused path: {@link VariableNames#RESTRICT_KEPT_DATA} routes to the restriction of the kept categories. */
    public static final String GATEWAY_KEPT_DATA_TO_RESTRICT = "Gateway_KeptDataToRestrict";
    /**
     * Every asked category was kept on excessive technical means or impracticality: restricted in every system that
     * holds it ({@link SystemStepsModel#PROCESS_ID}, operation RESTRICT), nothing erased.
     */
    public static final String CALL_ACTIVITY_RESTRICT_KEPT_DATA = "CallActivity_RestrictKeptData";
    public static final String END_EVENT_ERASED = "EndEvent_Erased";
    public static final String END_EVENT_REFUSED = "EndEvent_Refused";

    private DeletionFulfilmentModel() {
    }
}
