package org.rightsflow.process.model;

/**
 * Ids of {@code processes/copy-fulfilment.bpmn}, called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate (business key = reference). Out: outcome.
 */
public final class CopyFulfilmentModel {

    public static final String PROCESS_ID = "CopyFulfilmentProcess";
    public static final String RESOURCE = "processes/copy-fulfilment.bpmn";

    /** Streams the package into an encrypted file; writes {@code downloadId}. */
    public static final String BEAN_BUILD_COPY_PACKAGE = "buildCopyPackage";
    /** Publishes the link to the contact on file (starts the expiry process); writes {@code outcome}. */
    public static final String BEAN_PUBLISH_COPY_PACKAGE = "publishCopyPackage";

    public static final String START_EVENT = "StartEvent_CopyRequested";
    /** Each system's part: {@link SystemStepsModel#PROCESS_ID} with operation EXPORT. */
    public static final String CALL_ACTIVITY_READ_EVERY_SYSTEM = "CallActivity_ReadEverySystem";
    public static final String TASK_BUILD_COPY_PACKAGE = "Task_BuildCopyPackage";
    public static final String TASK_PUBLISH_DOWNLOAD = "Task_PublishDownload";
    public static final String END_EVENT = "EndEvent_CopyDelivered";

    private CopyFulfilmentModel() {
    }
}
