package org.rightsflow.process.model;


/**
 * Ids of {@code processes/system-step.bpmn}: one system's part of a request, by its connector, its worker (an
 * external task) or a data operator. In: {@link #SYSTEM_STEP_ID} (and the reference as business key); the rest is set
 * on the path that reads it (process/delegate/PrepareSystemStepDelegate).
 */
public final class SystemStepModel {

    public static final String PROCESS_ID = "SystemStepProcess";
    public static final String RESOURCE = "processes/system-step.bpmn";

    /** The planned step (a row of system_step): the element variable of {@link SystemStepsModel}'s loop. */
    public static final String SYSTEM_STEP_ID = "systemStepId";
    /** The system's id from the data map (Cockpit shows which system a failure belongs to). */
    public static final String SYSTEM_ID = "systemId";
    /**
     * Who does the step: IN_PROCESS (the connector), WORKER (the system's worker), PERSON (a data operator). Transient:
     * the gateway reads it in the job that sets it.
     */
    public static final String STEP_EXECUTION = "stepExecution";
    /** The external task's topic: rightsflow.&lt;system-id&gt; (a worker's step only). */
    public static final String TOPIC = "topic";
    /** ISO-8601 duration: how long the system's worker may take before a data operator takes over (a worker's step only). */
    public static final String TIME_LIMIT = "timeLimit";
    /** The request-scoped subject handle the worker exchanges for the subject's identifiers (opaque, expiring). */
    public static final String SUBJECT_HANDLE = "subjectHandle";
    /** The operation, for the worker (COUNT, EXPORT, ERASE, ...). */
    public static final String OPERATION = "operation";
    /** Form_SystemStep: how many records the data operator handled (optional). */
    public static final String RECORDS = "records";
    /**
     * Form_SystemStep: what the data operator is asked to do (system, operation, categories; no personal data); a data
     * operator's step only.
     */
    public static final String STEP_INSTRUCTIONS = "stepInstructions";
    /** The one value of Form_SystemStep's decision: the data operator did the system's part. */
    public static final String DONE = "DONE";

    public static final String BEAN_PREPARE_SYSTEM_STEP = "prepareSystemStep";
    public static final String BEAN_RUN_SYSTEM_STEP = "runSystemStep";
    public static final String BEAN_ISSUE_SUBJECT_HANDLE = "issueSubjectHandle";
    public static final String BEAN_CHECK_WORKER_RESULT = "checkWorkerResult";
    public static final String BEAN_HAND_STEP_TO_OPERATOR = "handStepToOperator";
    public static final String BEAN_SYSTEM_STEP_TASK_LISTENER = "systemStepTaskListener";

    public static final String FORM_SYSTEM_STEP = "Form_SystemStep";
    public static final String GROUP_DATA_OPERATORS = StaffGroups.DATA_OPERATORS;

    public static final String START_EVENT = "StartEvent_StepStarted";
    public static final String TASK_PREPARE_SYSTEM_STEP = "Task_PrepareSystemStep";
    public static final String GATEWAY_WHO_DOES_THE_STEP = "Gateway_WhoDoesTheStep";
    public static final String TASK_RUN_CONNECTOR = "Task_RunConnector";
    public static final String TASK_ISSUE_SUBJECT_HANDLE = "Task_IssueSubjectHandle";
    public static final String TASK_SYSTEM_WORKER = "Task_SystemWorker";
    public static final String BOUNDARY_EVENT_WORKER_TIME_LIMIT = "BoundaryEvent_WorkerTimeLimit";
    public static final String TASK_CHECK_WORKER_RESULT = "Task_CheckWorkerResult";
    public static final String TASK_HAND_STEP_TO_OPERATOR = "Task_HandStepToOperator";
    public static final String GATEWAY_JOIN_BY_HAND = "Gateway_JoinByHand";
    public static final String TASK_DO_STEP_BY_HAND = "Task_DoStepByHand";
    public static final String GATEWAY_STEP_DONE = "Gateway_StepDone";
    public static final String END_EVENT = "EndEvent_StepDone";

    private SystemStepModel() {
    }
}
