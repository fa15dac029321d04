package org.rightsflow.process.model;

/**
 * Ids of {@code processes/deferred-erasure.bpmn}: erases a held category when its retention expires. Started by
 * {@code scheduleDeferredErasure} with requestId, reference, {@link #HOLD_ID}, {@link #RETENTION_END}; business key
 * = request reference.
 */
public final class DeferredErasureModel {

    public static final String PROCESS_ID = "DeferredErasureProcess";
    public static final String RESOURCE = "processes/deferred-erasure.bpmn";

    /** String: the id of the erasure hold (table erasure_hold). */
    public static final String HOLD_ID = "holdId";
    /** Date: when the next held row's retention expires (the timer's timeDate). */
    public static final String RETENTION_END = "retentionEnd";
    /** Boolean, written by {@link #BEAN_ERASE_HELD}: rows are still held (the timer waits again). */
    public static final String STILL_HELD = "stillHeld";

    /** Erases the expired rows; writes {@link #STILL_HELD} and, when still held, a new {@link #RETENTION_END}. */
    public static final String BEAN_ERASE_HELD = "eraseHeld";
    public static final String BEAN_NOTIFY_DEFERRED_ERASURE = "notifyDeferredErasure";

    public static final String START_EVENT = "StartEvent_ErasureDeferred";
    public static final String TIMER_EVENT_RETENTION_EXPIRES = "TimerEvent_RetentionExpires";
    /** The hold's system: {@link SystemStepsModel#PROCESS_ID} with operation ERASE_EXPIRED (in: holdId). */
    public static final String CALL_ACTIVITY_ERASE_EXPIRED = "CallActivity_EraseExpiredInItsSystem";
    public static final String TASK_ERASE_HELD = "Task_EraseHeld";
    public static final String GATEWAY_STILL_HELD = "Gateway_StillHeld";
    public static final String TASK_NOTIFY_DEFERRED_ERASURE = "Task_NotifyDeferredErasure";
    public static final String END_EVENT = "EndEvent_DeferredErasureDone";

    private DeferredErasureModel() {
    }
}
