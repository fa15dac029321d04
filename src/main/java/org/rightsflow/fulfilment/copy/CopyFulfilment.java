package org.rightsflow.fulfilment.copy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/**
 * The COPY right end to end (docs/rights.md, PIPL Art. 45): the package is streamed from the data map into an encrypted
 * file, then delivered by an expiring link to the contact on file. TRANSFER builds the same package.
 */
@Service
public class CopyFulfilment {

    public static final String KIND = "COPY_PACKAGE";

    private final RequestRepository requests;
    private final CopyPackageWriter writer;
    private final DownloadService downloads;
    private final ResultLinks resultLinks;
    private final AuditTrail audit;
    private final ReviewScopes reviewScopes;
    private final SystemSteps steps;
    private final org.springframework.beans.factory.ObjectProvider<WorkerRows> uploads;

    public CopyFulfilment(RequestRepository requests, CopyPackageWriter writer, DownloadService downloads,
                                 ResultLinks resultLinks, AuditTrail audit, ReviewScopes reviewScopes,
                                 SystemSteps steps,
                                 org.springframework.beans.factory.ObjectProvider<WorkerRows> uploads) {
        this.steps = steps;
        this.uploads = uploads;
        this.reviewScopes = reviewScopes;
        this.requests = requests;
        this.writer = writer;
        this.downloads = downloads;
        this.resultLinks = resultLinks;
        this.audit = audit;
    }

    /** @return the id of the stored (not yet published) package */
    @Transactional
    public String buildPackage(String requestId) {
        return buildPackage(requestId, KIND).downloadId();
    }

    /**
     * Builds the package of the request's account and stores it encrypted, as a download of {@code kind}.
     * The file name holds the reference only: nothing personal.
     */
    @Transactional
    public DownloadService.StoredPackage buildPackage(String requestId, String kind) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to copy"));
        Locale language = Locale.forLanguageTag(request.language());
        // the requester's own copy shows their restricted rows, flagged; a transfer's recipient gets none of them
        CopyPackageWriter.Sources sources = sources(requestId, accountId, KIND.equals(kind));
        DownloadService.StoredPackage stored = downloads.storePackage(requestId, kind,
                "personal-data-" + request.reference() + ".zip", "application/zip",
                out -> writer.write(accountId, request.reference(), language, reviewScopes.excluded(requestId),
                        sources, out));
        audit.record(request.reference(), "system", "COPY_PACKAGE_BUILT", "{\"download\":\"" + stored.downloadId()
                + "\",\"bytes\":" + stored.size() + ",\"sha256\":\"" + stored.sha256() + "\"}");
        // what workers uploaded for the package is in it now: their copies go (the files after the commit)
        WorkerRows uploaded = uploads.getIfAvailable();
        if (uploaded != null) {
            uploaded.deleteUploads(requestId);
        }
        return stored;
    }

    /**
     * Where each system's rows come from, by its EXPORT step: a system the application reads itself is read through
     * its connector now; a worker's rows come from what it uploaded; a data operator's part is provided by staff.
     */
    private CopyPackageWriter.Sources sources(String requestId, long accountId, boolean subjectsOwnCopy) {
        Map<String, SystemStep> bySystem = new HashMap<>();
        Set<String> byPerson = new HashSet<>();
        for (SystemStep step : steps.steps(requestId, StepOperation.EXPORT)) {
            if (!step.done()) {
                throw new IllegalStateException("System step " + step.id() + " of system '" + step.systemId()
                        + "' is not done: the package would leave it out");
            }
            bySystem.put(step.systemId(), step);
            if (step.byPerson()) {
                byPerson.add(step.systemId());
            }
        }
        CopyPackageWriter.Sources connectors = writer.connectorSources(accountId, subjectsOwnCopy);
        return new CopyPackageWriter.Sources(mapped -> {
            SystemStep step = bySystem.get(mapped.system().id());
            if (step == null || !step.categories().contains(mapped.category())) {
                return Optional.empty();
            }
            if (SystemStep.DONE_BY_WORKER.equals(step.doneBy())) {
                WorkerRows rows = uploads.getIfAvailable();
                if (rows == null) {
                    throw new IllegalStateException("System '" + step.systemId() + "' uploaded its rows through the"
                            + " worker API, which this application does not run");
                }
                return rows.rows(step.id(), mapped.category());
            }
            return connectors.rows().apply(mapped);
        }, byPerson);
    }

    /** Publishes the link and emails it to the contact on file. */
    public void publish(String requestId, String downloadId) {
        resultLinks.publishToRequester(requestId, downloadId);
    }
}
