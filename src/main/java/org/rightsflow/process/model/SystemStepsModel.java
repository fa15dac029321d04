package org.rightsflow.process.model;

/**
 * Ids of {@code processes/system-steps.bpmn}: one operation of a request in every system that takes part, each
 * system's part a {@link SystemStepModel#PROCESS_ID} of its own. Called by every right's fulfilment with
 * {@link #SYSTEM_OPERATION} (and, for a deferred erasure, {@link DeferredErasureModel#HOLD_ID}); business key =
 * request reference.
 */
public final class SystemStepsModel {

    public static final String PROCESS_ID = "SystemStepsProcess";
    public static final String RESOURCE = "processes/system-steps.bpmn";

    /** In: the operation (fulfilment/systems StepOperation: COUNT, EXPORT, ERASE, ERASE_EXPIRED, CORRECT, ...). */
    public static final String SYSTEM_OPERATION = "systemOperation";
    /** The planned step ids (a list of strings), the multi-instance collection: transient, read as the loop starts. */
    public static final String SYSTEM_STEPS = "systemSteps";

    public static final String BEAN_PLAN_SYSTEM_STEPS = "planSystemSteps";

    public static final String START_EVENT = "StartEvent_SystemStepsNeeded";
    public static final String TASK_PLAN_SYSTEM_STEPS = "Task_PlanSystemSteps";
    public static final String CALL_ACTIVITY_EACH_SYSTEM_STEP = "CallActivity_EachSystemStep";
    public static final String END_EVENT = "EndEvent_EverySystemDone";

    private SystemStepsModel() {
    }
}
