package org.rightsflow.process.model;

/**
 * Ids of {@code processes/staff-daily-digest.bpmn}: once a day (timer start, cycle from the bean
 * {@link #BEAN_SCHEDULE}), one digest email per staff group that works tasks, each group in a job of its own.
 */
public final class StaffDailyDigestModel {

    public static final String PROCESS_ID = "StaffDailyDigestProcess";
    public static final String RESOURCE = "processes/staff-daily-digest.bpmn";

    /** Bean with {@code timeCycle()} (the timer start's cycle) and {@code groups()} (the groups to write to). */
    public static final String BEAN_SCHEDULE = "staffDigestSchedule";
    public static final String BEAN_NOTE_DIGEST_TIME = "noteDigestTime";
    public static final String BEAN_SEND_STAFF_DIGEST = "sendStaffDigest";

    public static final String START_EVENT_DIGEST_TIME = "StartEvent_DigestTime";
    public static final String TASK_NOTE_DIGEST_TIME = "Task_NoteDigestTime";
    /** Multi-instance over the groups; asynchronous before each group's instance. */
    public static final String TASK_SEND_GROUP_DIGEST = "Task_SendGroupDigest";
    /** The multi-instance body of {@link #TASK_SEND_GROUP_DIGEST} (asynchronous before it, too). */
    public static final String TASK_SEND_GROUP_DIGEST_BODY = TASK_SEND_GROUP_DIGEST + "#multiInstanceBody";
    public static final String END_EVENT = "EndEvent_DigestsSent";

    /** Date: the digest's moment, fixed once per day's instance. */
    public static final String VAR_DIGEST_AT = "digestAt";
    /** String: the staff group of one multi-instance element. */
    public static final String VAR_STAFF_GROUP = "staffGroup";

    private StaffDailyDigestModel() {
    }
}
