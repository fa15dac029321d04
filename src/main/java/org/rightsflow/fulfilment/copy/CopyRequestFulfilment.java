package org.rightsflow.fulfilment.copy;

import java.util.Locale;
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
public class CopyRequestFulfilment {

    public static final String KIND = "COPY_PACKAGE";

    private final RequestRepository requests;
    private final CopyPackageWriter writer;
    private final DownloadService downloads;
    private final ResultLinks resultLinks;
    private final AuditTrail audit;
    private final ReviewScopes reviewScopes;

    public CopyRequestFulfilment(RequestRepository requests, CopyPackageWriter writer, DownloadService downloads,
                                 ResultLinks resultLinks, AuditTrail audit, ReviewScopes reviewScopes) {
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
        DownloadService.StoredPackage stored = downloads.storePackage(requestId, kind,
                "personal-data-" + request.reference() + ".zip", "application/zip",
                out -> writer.write(accountId, request.reference(), language, reviewScopes.excluded(requestId), out));
        audit.record(request.reference(), "system", "COPY_PACKAGE_BUILT", "{\"download\":\"" + stored.downloadId()
                + "\",\"bytes\":" + stored.size() + ",\"sha256\":\"" + stored.sha256() + "\"}");
        return stored;
    }

    /** Publishes the link and emails it to the contact on file. */
    public void publish(String requestId, String downloadId) {
        resultLinks.publishToRequester(requestId, downloadId);
    }
}
