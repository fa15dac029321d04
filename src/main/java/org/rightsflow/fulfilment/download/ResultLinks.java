package org.rightsflow.fulfilment.download;

import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Delivers a stored result to the requester: publishes its link and emails it to the contact on file. */
@Service
public class ResultLinks {

    private final RequestRepository requests;
    private final DownloadService downloads;
    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final AuditTrail audit;

    public ResultLinks(RequestRepository requests, DownloadService downloads, RequesterContacts contacts, Outbox outbox,
                       AuditTrail audit) {
        this.requests = requests;
        this.downloads = downloads;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional
    public void publishToRequester(String requestId, String downloadId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        DownloadService.Published link = downloads.publish(downloadId);
        contacts.onFile(request).ifPresent(contact -> outbox.enqueue(new Notice(
                "download-ready:" + downloadId, requestId, NoticeKind.DOWNLOAD_READY, contact.email(),
                request.language(), Map.of(
                        "reference", request.reference(),
                        "requestType", request.type().label(request.language()),
                        "downloadUrl", link.url(),
                        "expiresAt", NoticeFormats.dateTime(link.expiresAt())))));
        audit.record(request.reference(), "system", "DOWNLOAD_PUBLISHED", "{\"download\":\"" + downloadId + "\"}");
    }
}
