package org.rightsflow.fulfilment.access;

import java.util.Locale;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ACCESS right end to end: build the report from the data map, then deliver it by an expiring link. */
@Service
public class AccessRequestFulfilment {

    static final String KIND = "ACCESS_REPORT";

    private final RequestRepository requests;
    private final AccessReportService reports;
    private final DownloadService downloads;
    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final AuditTrail audit;

    public AccessRequestFulfilment(RequestRepository requests, AccessReportService reports, DownloadService downloads,
                                   RequesterContacts contacts, Outbox outbox, AuditTrail audit) {
        this.requests = requests;
        this.reports = reports;
        this.downloads = downloads;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** @return the id of the stored (not yet published) report */
    @Transactional
    public String buildReport(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to report on"));
        byte[] html = reports.buildReport(accountId, request.reference(), Locale.forLanguageTag(request.language()));
        String downloadId = downloads.store(requestId, KIND, "access-report-" + request.reference() + ".html",
                "text/html;charset=UTF-8", html);
        audit.record(request.reference(), "system", "ACCESS_REPORT_BUILT", "{\"bytes\":" + html.length + "}");
        return downloadId;
    }

    /** Publishes the link and emails it to the contact on file. */
    @Transactional
    public void publish(String requestId, String downloadId) {
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
