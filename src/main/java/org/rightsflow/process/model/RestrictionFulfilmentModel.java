package org.rightsflow.process.model;

/**
 * Ids of {@code processes/restriction-fulfilment.bpmn} (RESTRICT), called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate, resultGrounds, resultExplanation (business key = reference).
 * Out: outcome, resultGrounds, resultExplanation. Categories, purposes and end date stay in the request's details and
 * in {@code processing_restriction}; the engine sees the restriction's id and end date only.
 */
public final class RestrictionFulfilmentModel {

    public static final String PROCESS_ID = "RestrictionFulfilmentProcess";
    public static final String RESOURCE = "processes/restriction-fulfilment.bpmn";

    /** Restricts (or lifts an earlier restriction); writes outcome, {@link #RESTRICTION_ACTION}, {@link #RESTRICTION_ID}, {@link #RESTRICTION_ENDS}. */
    public static final String BEAN_APPLY_RESTRICTION = "applyRestriction";
    /** Starts the restriction's {@link RestrictionPeriodModel#PROCESS_ID} (once). */
    public static final String BEAN_START_RESTRICTION_PERIOD = "startRestrictionPeriod";
    /** Ends the lifted restriction's period process ({@link RestrictionPeriodModel#MSG_RESTRICTION_LIFTED}). */
    public static final String BEAN_END_RESTRICTION_PERIOD = "endRestrictionPeriod";

    public static final String START_EVENT = "StartEvent_RestrictionRequested";
    public static final String TASK_APPLY_RESTRICTION = "Task_ApplyRestriction";
    public static final String GATEWAY_RESTRICT_OR_LIFT = "Gateway_RestrictOrLift";
    public static final String TASK_START_RESTRICTION_PERIOD = "Task_StartRestrictionPeriod";
    public static final String END_EVENT_RESTRICTED = "EndEvent_ProcessingRestricted";
    public static final String TASK_END_RESTRICTION_PERIOD = "Task_EndRestrictionPeriod";
    public static final String END_EVENT_LIFTED = "EndEvent_RestrictionLifted";

    /** RESTRICTED (a new restriction) or LIFTED (an earlier one, by this request). */
    public static final String RESTRICTION_ACTION = "restrictionAction";
    public static final String ACTION_RESTRICTED = "RESTRICTED";
    public static final String ACTION_LIFTED = "LIFTED";
    /** The id of the restriction made or lifted (processing_restriction.id). */
    public static final String RESTRICTION_ID = "restrictionId";
    /** Date: when the restriction ends by itself; absent when it lasts until lifted. */
    public static final String RESTRICTION_ENDS = "restrictionEnds";

    private RestrictionFulfilmentModel() {
    }
}
