package org.rightsflow.process.model;

/**
 * Ids of {@code processes/restriction-period.bpmn}: one instance per restriction in force, started by
 * {@code Task_StartRestrictionPeriod} (business key = the restricting request's reference). It ends at the end date
 * (a timer: the restriction ends, each system lifts it in its own step, then a notice) or when a lift request lifted it
 * ({@link #MSG_RESTRICTION_LIFTED}, correlated by {@link RestrictionFulfilmentModel#RESTRICTION_ID}).
 * Variables: requestId, reference, requestType, restrictionId, restrictionEnds (Date, optional); dueDate (= the end
 * date, for a data operator's part of the lift) once the end date is reached.
 */
public final class RestrictionPeriodModel {

    public static final String PROCESS_ID = "RestrictionPeriodProcess";
    public static final String RESOURCE = "processes/restriction-period.bpmn";

    public static final String MSG_RESTRICTION_LIFTED = "Msg_RestrictionLifted";
    /** Ends the restriction at its end date (no longer in force for the purpose check). */
    public static final String BEAN_LIFT_AT_END_DATE = "liftRestrictionAtEndDate";
    /** Every system lifted it: audited, and the requester is told. */
    public static final String BEAN_ANNOUNCE_RESTRICTION_ENDED = "announceRestrictionEnded";

    public static final String START_EVENT = "StartEvent_RestrictionInForce";
    /** {@code restrictionEnds} set: wait for the date or a lift; otherwise only for a lift. */
    public static final String GATEWAY_END_DATE_SET = "Gateway_EndDateSet";
    public static final String GATEWAY_HOW_IT_ENDS = "Gateway_HowItEnds";
    public static final String TIMER_END_DATE = "IntermediateCatchEvent_EndDateReached";
    public static final String TASK_LIFT_AT_END_DATE = "Task_LiftAtEndDate";
    /** Each system's part of the lift ({@link SystemStepsModel}, operation LIFT_RESTRICTION). */
    public static final String CALL_ACTIVITY_LIFT_IN_EVERY_SYSTEM = "CallActivity_LiftInEverySystem";
    public static final String TASK_ANNOUNCE_END = "Task_AnnounceEnd";
    public static final String END_EVENT_ENDED_AT_END_DATE = "EndEvent_EndedAtEndDate";
    public static final String EVENT_LIFTED_BEFORE_END_DATE = "IntermediateCatchEvent_LiftedBeforeEndDate";
    public static final String END_EVENT_LIFTED_BEFORE_END_DATE = "EndEvent_LiftedBeforeEndDate";
    public static final String EVENT_LIFTED = "IntermediateCatchEvent_Lifted";
    public static final String END_EVENT_LIFTED = "EndEvent_Lifted";

    private RestrictionPeriodModel() {
    }
}
