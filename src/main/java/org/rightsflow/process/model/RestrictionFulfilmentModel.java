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

    /** Records the restriction (or the lift of an earlier one); writes outcome, {@link #RESTRICTION_ACTION}, {@link #RESTRICTION_ID}, {@link #RESTRICTION_ENDS}. */
    public static final String BEAN_APPLY_RESTRICTION = "applyRestriction";
    /** Every system did its part (restricted or lifted): audited, and the requester is told. */
    public static final String BEAN_ANNOUNCE_RESTRICTION = "announceRestriction";
    /** Starts the restriction's {@link RestrictionPeriodModel#PROCESS_ID} (once). */
    public static final String BEAN_START_RESTRICTION_PERIOD = "startRestrictionPeriod";
    /** Ends the lifted restriction's period process ({@link RestrictionPeriodModel#MSG_RESTRICTION_LIFTED}). */
    public static final String BEAN_END_RESTRICTION_PERIOD = "endRestrictionPeriod";

    public static final String START_EVENT = "StartEvent_RestrictionRequested";
    public static final String TASK_APPLY_RESTRICTION = "Task_ApplyRestriction";
    public static final String GATEWAY_RESTRICT_OR_LIFT = "Gateway_RestrictOrLift";
    /** Each system's part of RESTRICT ({@link SystemStepsModel}, operation RESTRICT). */
    public static final String CALL_ACTIVITY_RESTRICT_IN_EVERY_SYSTEM = "CallActivity_RestrictInEverySystem";
    public static final String TASK_ANNOUNCE_RESTRICTION = "Task_AnnounceRestriction";
    public static final String TASK_START_RESTRICTION_PERIOD = "Task_StartRestrictionPeriod";
    public static final String END_EVENT_RESTRICTED = "EndEvent_ProcessingRestricted";
    /** Each system's part of the lift ({@link SystemStepsModel}, operation LIFT_RESTRICTION). */
    public static final String CALL_ACTIVITY_LIFT_IN_EVERY_SYSTEM = "CallActivity_LiftInEverySystem";
    public static final String TASK_ANNOUNCE_LIFT = "Task_AnnounceLift";
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
