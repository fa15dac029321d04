package org.rightsflow.fulfilment.download;

import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Delivers a stored result to the requester: publishes its link and emails it to the contact on file. */
@Service
public class ResultLinks {

    private final RequestRepository requests;
    private final DownloadService downloads;
    private final RequesterNotices notices;
    private final AuditTrail audit;

    public ResultLinks(RequestRepository requests, DownloadService downloads, RequesterNotices notices,
                       AuditTrail audit) {
        this.requests = requests;
        this.downloads = downloads;
        this.notices = notices;
        this.audit = audit;
    }

    @Transactional
    public void publishToRequester(String requestId, String downloadId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        DownloadService.Published link = downloads.publish(downloadId);
        notices.send(request, NoticeKind.DOWNLOAD_READY, "download-ready:" + downloadId, Map.of(
                "requestType", request.type().label(request.language()),
                "downloadUrl", link.url(),
                "expiresAt", NoticeFormats.dateTime(link.expiresAt())));
        audit.record(request.reference(), "system", "DOWNLOAD_PUBLISHED", "{\"download\":\"" + downloadId + "\"}");
    }
}
