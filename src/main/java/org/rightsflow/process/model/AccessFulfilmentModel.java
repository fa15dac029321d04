package org.rightsflow.process.model;

/**
 * Ids of {@code processes/access-fulfilment.bpmn}, called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate (business key = reference). Out: outcome.
 */
public final class AccessFulfilmentModel {

    public static final String PROCESS_ID = "AccessFulfilmentProcess";
    public static final String RESOURCE = "processes/access-fulfilment.bpmn";

    /** Writes {@code downloadId}. */
    public static final String BEAN_BUILD_ACCESS_REPORT = "buildAccessReport";
    /** Publishes the link, starts {@link DownloadExpiryModel#PROCESS_ID}, writes {@code outcome}. */
    public static final String BEAN_PUBLISH_DOWNLOAD = "publishDownload";

    public static final String START_EVENT = "StartEvent_AccessRequested";
    /** Each system's part: {@link SystemStepsModel#PROCESS_ID} with operation COUNT. */
    public static final String CALL_ACTIVITY_COUNT_IN_EVERY_SYSTEM = "CallActivity_CountInEverySystem";
    public static final String TASK_BUILD_ACCESS_REPORT = "Task_BuildAccessReport";
    public static final String TASK_PUBLISH_DOWNLOAD = "Task_PublishDownload";
    /**
     * Runs in {@link #TASK_BUILD_ACCESS_REPORT}'s job: the report, the link, the notice (outbox, dedup key) and the
     * expiry's start message are all database writes, rolled back and retried together.
     */
    public static final java.util.Set<String> REPORT_TRANSACTION_TASKS = java.util.Set.of(TASK_PUBLISH_DOWNLOAD);
    public static final String END_EVENT = "EndEvent_AccessFulfilled";

    private AccessFulfilmentModel() {
    }
}
