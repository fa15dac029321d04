package org.rightsflow.fulfilment.access;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.rightsflow.datamap.MappedCategory;
import org.rightsflow.fulfilment.systems.StepOperation;
import org.rightsflow.fulfilment.systems.SystemStep;
import org.rightsflow.fulfilment.systems.SystemSteps;
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
public class AccessFulfilment {

    static final String KIND = "ACCESS_REPORT";

    private final RequestRepository requests;
    private final AccessReportWriter reports;
    private final DownloadService downloads;
    private final ResultLinks resultLinks;
    private final AuditTrail audit;
    private final ReviewScopes reviewScopes;
    private final SystemSteps steps;

    public AccessFulfilment(RequestRepository requests, AccessReportWriter reports, DownloadService downloads,
                                   ResultLinks resultLinks, AuditTrail audit, ReviewScopes reviewScopes,
                                   SystemSteps steps) {
        this.steps = steps;
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
        Map<String, SystemStep> counted = new HashMap<>();
        steps.steps(requestId, StepOperation.COUNT).forEach(step -> counted.put(step.systemId(), step));
        byte[] html = reports.buildReport(accountId, request.reference(), Locale.forLanguageTag(request.language()),
                reviewScopes.excluded(requestId), mapped -> countOf(counted.get(mapped.system().id()), mapped));
        String downloadId = downloads.store(requestId, KIND, "access-report-" + request.reference() + ".html",
                "text/html;charset=UTF-8", html);
        audit.record(request.reference(), "system", "ACCESS_REPORT_BUILT", "{\"bytes\":" + html.length + "}");
        return downloadId;
    }

    /**
     * What a system's step counted for a category: its connector's or worker's number; a data operator's number when
     * the step had this one category; else unknown (checked by a person). A system without a step holds nothing.
     */
    private static OptionalLong countOf(SystemStep step, MappedCategory mapped) {
        if (step == null || !step.categories().contains(mapped.category())) {
            return OptionalLong.of(0);
        }
        if (!step.done()) {
            throw new IllegalStateException("System step " + step.id() + " of system '" + step.systemId()
                    + "' is not done: the report would leave it out");
        }
        if (step.byPerson()) {
            Long records = step.outcome() == null ? null : step.outcome().records();
            return records != null && step.categories().size() == 1 ? OptionalLong.of(records) : OptionalLong.empty();
        }
        return OptionalLong.of(step.outcome().category(mapped.category()).map(c -> c.rows()).orElse(0L));
    }

    /** Publishes the link and emails it to the contact on file. */
    public void publish(String requestId, String downloadId) {
        resultLinks.publishToRequester(requestId, downloadId);
    }
}
