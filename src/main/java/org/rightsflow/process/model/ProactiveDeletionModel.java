package org.rightsflow.process.model;

/**
 * Ids of {@code processes/proactive-deletion.bpmn}: the nightly sweep that erases, without any request, rows past
 * their retention period and data whose consent is no longer given, and reduces the records of requests closed long
 * ago (docs/retention.md). Started by its timer (the
 * schedule bean {@link #BEAN_SCHEDULE}) or by hand; business key = the run's reference, set by {@link #BEAN_PLAN}.
 * Variables hold the run's reference, step keys (system/category), dates and counts only.
 */
public final class ProactiveDeletionModel {

    public static final String PROCESS_ID = "ProactiveDeletionProcess";
    public static final String RESOURCE = "processes/proactive-deletion.bpmn";

    /** String, written by {@link #BEAN_PLAN}: the run's reference (PD-20261129-0001), also the business key. */
    public static final String REFERENCE = VariableNames.REFERENCE;
    /** Date, written by {@link #BEAN_PLAN}: the instant retention and consent are judged at for the whole run. */
    public static final String RETENTION_CUTOFF = "retentionCutoff";
    /** List of step keys the application erases itself, in order (sequential multi-instance). */
    public static final String IN_PROCESS_STEPS = "inProcessSteps";
    /** List of step keys handed to data operators (parallel multi-instance). */
    public static final String BY_HAND_STEPS = "byHandSteps";
    /** Date: until when a data operator may sweep a handed-over step (the task's due date and its timer). */
    public static final String DUE_DATE = VariableNames.DUE_DATE;
    /** String, the element of both multi-instances: the step key, for example account-system/OPERATION_LOGS. */
    public static final String SWEEP_STEP = "sweepStep";
    /** String, local to a step, written by {@link #BEAN_ERASE_BATCH}: one of the OUTCOME_ values. */
    public static final String STEP_OUTCOME = "stepOutcome";
    public static final String OUTCOME_MORE = "MORE";
    public static final String OUTCOME_DONE = "DONE";
    public static final String OUTCOME_TAKEN_OVER = "TAKEN_OVER";
    /** Long and Integer, local to a step: rows erased and batches committed so far (progress in Cockpit). */
    public static final String STEP_ROWS_ERASED = "stepRowsErased";
    public static final String STEP_BATCHES = "stepBatches";
    /** Long, Integer, Integer, written by {@link #BEAN_RECORD_RUN}: the run's figures. */
    public static final String ROWS_ERASED = "rowsErased";
    public static final String STEPS_NOT_SWEPT = "stepsNotSwept";
    public static final String STEPS_TAKEN_OVER = "stepsTakenOver";
    /** String, written by {@link #BEAN_REDUCE_CLOSED_REQUESTS}: OUTCOME_MORE (the batch was full) or OUTCOME_DONE. */
    public static final String CLOSED_REQUESTS_OUTCOME = "closedRequestsOutcome";
    /** Long, written by {@link #BEAN_REDUCE_CLOSED_REQUESTS}: closed requests whose records this run reduced so far. */
    public static final String CLOSED_REQUESTS_REDUCED = "closedRequestsReduced";
    /** Fields of Form_SweepByHand (declared local to each hand-over so that two operators never share them). */
    public static final String FIELD_DECISION = VariableNames.DECISION;
    public static final String FIELD_ROWS_ERASED_BY_HAND = "rowsErasedByHand";
    public static final String FIELD_EXPLANATION = VariableNames.EXPLANATION;

    /** The schedule: {@code ${proactiveDeletionSchedule.cron()}} in the timer start event. */
    public static final String BEAN_SCHEDULE = "proactiveDeletionSchedule";
    public static final String BEAN_PLAN = "planSweep";
    public static final String BEAN_ERASE_BATCH = "eraseSweepBatch";
    public static final String BEAN_REPORT_NOT_SWEPT = "reportNotSwept";
    public static final String BEAN_RECORD_RUN = "recordSweepRun";
    public static final String BEAN_REDUCE_CLOSED_REQUESTS = "reduceClosedRequestRecords";
    public static final String BEAN_SWEPT_BY_HAND_LISTENER = "sweptByHandListener";

    public static final String START_EVENT = "StartEvent_Nightly";
    public static final String TASK_PLAN = "Task_PlanSweep";
    public static final String GATEWAY_SPLIT = "Gateway_SweepBothWays";
    public static final String SUB_PROCESS_IN_PROCESS = "SubProcess_SweepEachStep";
    public static final String START_EVENT_STEP = "StartEvent_StepStarted";
    public static final String TASK_ERASE_BATCH = "Task_EraseBatch";
    public static final String GATEWAY_MORE_ROWS = "Gateway_MoreRows";
    public static final String END_EVENT_STEP_SWEPT = "EndEvent_StepSwept";
    public static final String END_EVENT_STEP_TAKEN_OVER = "EndEvent_StepTakenOver";
    public static final String SUB_PROCESS_BY_HAND = "SubProcess_HandEachStepOver";
    public static final String START_EVENT_HAND_OVER = "StartEvent_HandedOver";
    public static final String TASK_SWEEP_BY_HAND = "Task_SweepByHand";
    public static final String FORM_SWEEP_BY_HAND = "Form_SweepByHand";
    public static final String TIMER_NOT_SWEPT_IN_TIME = "BoundaryEvent_NotSweptInTime";
    public static final String TASK_REPORT_NOT_SWEPT = "Task_ReportNotSwept";
    public static final String END_EVENT_SWEPT_BY_HAND = "EndEvent_SweptByHand";
    public static final String END_EVENT_NOT_SWEPT = "EndEvent_NotSwept";
    public static final String TASK_REDUCE_CLOSED_REQUESTS = "Task_ReduceClosedRequestRecords";
    public static final String GATEWAY_MORE_CLOSED_REQUESTS = "Gateway_MoreClosedRequests";
    public static final String GATEWAY_JOIN = "Gateway_BothWaysDone";
    public static final String TASK_RECORD_RUN = "Task_RecordRun";
    public static final String END_EVENT = "EndEvent_SweepRecorded";

    private ProactiveDeletionModel() {
    }
}
