package org.rightsflow.process.model;

/**
 * Ids of {@code processes/download-expiry.bpmn}: deletes a published package when its link
 * expires. Started by message {@link #MSG_DOWNLOAD_PUBLISHED} with the variables
 * {@code downloadId} (String) and {@code expiresAt} (Date), business key = request reference.
 */
public final class DownloadExpiryModel {

    public static final String PROCESS_ID = "DownloadExpiryProcess";
    public static final String RESOURCE = "processes/download-expiry.bpmn";

    public static final String MSG_DOWNLOAD_PUBLISHED = "Msg_DownloadPublished";

    public static final String BEAN_DELETE_EXPIRED_DOWNLOAD = "deleteExpiredDownload";

    public static final String START_EVENT_DOWNLOAD_PUBLISHED = "StartEvent_DownloadPublished";
    /** Timer (timeDate {@code ${expiresAt}}). */
    public static final String TIMER_EVENT_LINK_EXPIRES = "TimerEvent_LinkExpires";
    public static final String TASK_DELETE_PACKAGE = "Task_DeletePackage";
    public static final String END_EVENT = "EndEvent_PackageDeleted";

    private DownloadExpiryModel() {
    }
}
