package org.rightsflow.process.model;

/**
 * Ids of {@code processes/restriction-period.bpmn}: one instance per restriction in force, started by
 * {@code Task_StartRestrictionPeriod} (business key = the restricting request's reference). It ends at the end date
 * (a timer, which lifts the restriction with a notice) or when a lift request lifted it
 * ({@link #MSG_RESTRICTION_LIFTED}, correlated by {@link RestrictionFulfilmentModel#RESTRICTION_ID}).
 * Variables: requestId, reference, restrictionId, restrictionEnds (Date, optional).
 */
public final class RestrictionPeriodModel {

    public static final String PROCESS_ID = "RestrictionPeriodProcess";
    public static final String RESOURCE = "processes/restriction-period.bpmn";

    public static final String MSG_RESTRICTION_LIFTED = "Msg_RestrictionLifted";
    /** Lifts the restriction at its end date, with a notice. */
    public static final String BEAN_LIFT_AT_END_DATE = "liftRestrictionAtEndDate";

    public static final String START_EVENT = "StartEvent_RestrictionInForce";
    /** {@code restrictionEnds} set: wait for the date or a lift; otherwise only for a lift. */
    public static final String GATEWAY_END_DATE_SET = "Gateway_EndDateSet";
    public static final String GATEWAY_HOW_IT_ENDS = "Gateway_HowItEnds";
    public static final String TIMER_END_DATE = "IntermediateCatchEvent_EndDateReached";
    public static final String TASK_LIFT_AT_END_DATE = "Task_LiftAtEndDate";
    public static final String END_EVENT_ENDED_AT_END_DATE = "EndEvent_EndedAtEndDate";
    public static final String EVENT_LIFTED_BEFORE_END_DATE = "IntermediateCatchEvent_LiftedBeforeEndDate";
    public static final String END_EVENT_LIFTED_BEFORE_END_DATE = "EndEvent_LiftedBeforeEndDate";
    public static final String EVENT_LIFTED = "IntermediateCatchEvent_Lifted";
    public static final String END_EVENT_LIFTED = "EndEvent_Lifted";

    private RestrictionPeriodModel() {
    }
}
