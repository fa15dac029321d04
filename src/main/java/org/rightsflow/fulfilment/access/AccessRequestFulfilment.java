package org.rightsflow.fulfilment.access;

import java.util.Locale;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.fulfilment.download.ResultLinks;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.ReviewScopes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ACCESS right end to end: build the report from the data map, then deliver it by an expiring link. */
@Service
public class AccessRequestFulfilment {

    static final String KIND = "ACCESS_REPORT";

    private final RequestRepository requests;
    private final AccessReportService reports;
    private final DownloadService downloads;
    private final ResultLinks resultLinks;
    private final AuditTrail audit;
    private final ReviewScopes reviewScopes;

    public AccessRequestFulfilment(RequestRepository requests, AccessReportService reports, DownloadService downloads,
                                   ResultLinks resultLinks, AuditTrail audit, ReviewScopes reviewScopes) {
        this.requests = requests;
        this.reports = reports;
        this.downloads = downloads;
        this.resultLinks = resultLinks;
        this.audit = audit;
        this.reviewScopes = reviewScopes;
    }

    /** @return the id of the stored (not yet published) report */
    @Transactional
    public String buildReport(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to report on"));
        // Withheld categories (an approved partial refusal) stay out of the report, as they stay out of a COPY.
        byte[] html = reports.buildReport(accountId, request.reference(), Locale.forLanguageTag(request.language()),
                reviewScopes.excluded(requestId));
        String downloadId = downloads.store(requestId, KIND, "access-report-" + request.reference() + ".html",
                "text/html;charset=UTF-8", html);
        audit.record(request.reference(), "system", "ACCESS_REPORT_BUILT", "{\"bytes\":" + html.length + "}");
        return downloadId;
    }

    /** Publishes the link and emails it to the contact on file. */
    public void publish(String requestId, String downloadId) {
        resultLinks.publishToRequester(requestId, downloadId);
    }
}
