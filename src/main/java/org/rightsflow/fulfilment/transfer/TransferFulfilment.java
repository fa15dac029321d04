package org.rightsflow.fulfilment.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.copy.CopyFulfilment;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TRANSFER right (docs/rights.md, PIPL Art. 45(3)): after a privacy officer approved it, the package (as for COPY) goes
 * to the recipient the requester named, by an expiring link with the package's SHA-256 so the recipient can check
 * what arrived; the requester is told where it went and when. The recipient's name and email stay in the request's
 * details: they are read here and never become process variables.
 */
@Service
public class TransferFulfilment {

    public static final String KIND = "TRANSFER_PACKAGE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestRepository requests;
    private final CopyFulfilment copy;
    private final DownloadService downloads;
    private final RequesterNotices notices;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TimeSource time;

    public TransferFulfilment(RequestRepository requests, CopyFulfilment copy, DownloadService downloads,
                                     RequesterNotices notices, Outbox outbox, AuditTrail audit, TimeSource time) {
        this.requests = requests;
        this.copy = copy;
        this.downloads = downloads;
        this.notices = notices;
        this.outbox = outbox;
        this.audit = audit;
        this.time = time;
    }

    /** The recipient as named by the requester. */
    public record Recipient(String name, String email) {
    }

    public Recipient recipient(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        try {
            JsonNode details = JSON.readTree(request.detailsJson() == null ? "{}" : request.detailsJson());
            String name = details.path("recipientName").asText("");
            String email = details.path("recipientEmail").asText("");
            if (email.isBlank()) {
                throw new IllegalStateException("Request " + request.reference() + " names no recipient");
            }
            return new Recipient(name.trim(), email.trim());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Request " + request.reference() + " has unreadable details", e);
        }
    }

    /**
     * What the reviewer sees of the recipient: masked, because the form's variables reach the engine's history (the
     * full name and email are on the request's staff page). One row for the form's table, which renders plain text.
     */
    public List<Map<String, String>> recipientForReview(String requestId) {
        Recipient recipient = recipient(requestId);
        return List.of(Map.of("name", RecipientMask.name(recipient.name()), "email", RecipientMask.email(recipient.email())));
    }

    /** Records the officer's decision in the audit trail (who, and what; the reasons go to the requester). */
    @Transactional
    public void recordDecision(String requestId, boolean approved, String officer) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        audit.record(request.reference(), officer == null ? "unknown" : officer,
                approved ? "TRANSFER_APPROVED" : "TRANSFER_REFUSED", "{}");
    }

    /** @return the id of the stored (not yet published) package */
    @Transactional
    public String buildPackage(String requestId) {
        return copy.buildPackage(requestId, KIND).downloadId();
    }

    /**
     * Publishes the link to the recipient (with the package's SHA-256) and tells the contact on file where it went
     * and when. A retried job enqueues the same two notices again, and nothing happens (dedup keys).
     */
    @Transactional
    public void sendToRecipient(String requestId, String downloadId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Recipient recipient = recipient(requestId);
        DownloadService.Published link = downloads.publish(downloadId);
        String sha256 = downloads.sha256(downloadId);
        String sentAt = NoticeFormats.dateTime(time.now());
        outbox.enqueue(new Notice("transfer-package:" + downloadId, requestId, NoticeKind.TRANSFER_PACKAGE,
                recipient.email(), request.language(), Map.of(
                        "reference", request.reference(),
                        "downloadUrl", link.url(),
                        "sha256", sha256,
                        "expiresAt", NoticeFormats.dateTime(link.expiresAt()))));
        notices.send(request, NoticeKind.TRANSFER_SENT, "transfer-sent:" + downloadId, Map.of(
                // who the recipient is, even masked, is text the requester typed: never repeated to the
                // address on file (an impostor could make our mail carry it)
                "sentAt", sentAt,
                "sha256", sha256,
                "expiresAt", NoticeFormats.dateTime(link.expiresAt())));
        audit.record(request.reference(), "system", "TRANSFER_SENT",
                "{\"download\":\"" + downloadId + "\",\"sha256\":\"" + sha256 + "\"}");
    }
}
