package org.rightsflow.operations.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.audit.AuditVerifier;
import org.rightsflow.common.TimeSource;
import org.rightsflow.operations.timeline.AuditRecord;
import org.rightsflow.operations.timeline.NoticeRecord;
import org.rightsflow.operations.timeline.ProcessHistory;
import org.rightsflow.operations.timeline.RequestTimelines;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request's evidence pack, for a regulator or an audit: a ZIP with the request (no personal data), its whole
 * timeline, the decisions with proposer, approver, grounds and explanation, the notices as sent (recipient masked,
 * live links and codes removed: the pack must not open anything), the audit entries with their hashes and the
 * verification of the whole chain at packing time, the path the processes took, and the BPMN and DMN XML of the
 * versions that ran; signed with the server's key ({@link EvidencePackFormat}). It holds no more personal data than
 * the request's own result: nothing the requester typed, no contact on file. Each download is an audit entry.
 */
@Service
public class EvidencePackBuilder {

    public static final String AUDIT_ENTRIES = "audit/entries.json";
    public static final String DOWNLOADED = "EVIDENCE_PACK_DOWNLOADED";
    private static final Pattern DOWNLOAD_LINK = Pattern.compile("(/api/downloads/)[A-Za-z0-9_-]+");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");

    private final RequestTimelines timelines;
    private final ProcessHistory processHistory;
    private final AuditVerifier auditVerifier;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TimeSource time;
    private final EvidenceSigningKey key;

    public EvidencePackBuilder(RequestTimelines timelines, ProcessHistory processHistory, AuditVerifier auditVerifier,
                               AuditTrail audit, JdbcClient jdbc, TimeSource time,
                               @Value("${rightsflow.evidence.signing-secret:}") String signingSecret) {
        this.timelines = timelines;
        this.processHistory = processHistory;
        this.auditVerifier = auditVerifier;
        this.audit = audit;
        this.jdbc = jdbc;
        this.time = time;
        this.key = EvidenceSigningKey.fromSecret(signingSecret);
    }

    public String keyFingerprint() {
        return key.fingerprint();
    }

    public java.security.PublicKey publicKey() {
        return key.publicKey();
    }

    /** The pack, and its download recorded as an audit entry (with the pack's SHA-256) in the same transaction. */
    @Transactional
    public byte[] download(String reference, String staffUser) {
        byte[] pack = build(reference, staffUser);
        audit.record(reference, staffUser, DOWNLOADED, "{\"sha256\":\"" + EvidencePackFormat.sha256(pack) + "\"}");
        return pack;
    }

    @Transactional(readOnly = true)
    public byte[] build(String reference, String staffUser) {
        RequestTimelines.Timeline timeline = timelines.of(reference);
        Instant now = time.now();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README.txt", readme(reference).getBytes(StandardCharsets.UTF_8));
        files.put("request.json", EvidencePackFormat.bytes(timeline.summary()));
        files.put("timeline.json", EvidencePackFormat.bytes(Map.of(
                "events", timeline.events(),
                "statusHistory", timeline.statuses(),
                "deadlineEvents", timeline.deadlineEvents(),
                "tasks", timeline.tasks(),
                "processInstances", timeline.instances())));
        files.put("decisions.json", EvidencePackFormat.bytes(timeline.decisions()));
        List<Map<String, Object>> notices = notices(timeline.summary().id(), timeline.notices());
        files.put("notices/index.json", EvidencePackFormat.bytes(timeline.notices()));
        int n = 0;
        for (Map<String, Object> notice : notices) {
            files.put(String.format("notices/%02d-%s.txt", ++n, notice.get("kind")),
                    ((String) notice.get("text")).getBytes(StandardCharsets.UTF_8));
        }
        files.put(AUDIT_ENTRIES, EvidencePackFormat.bytes(Map.of(
                "hashFunction", "SHA-256 over the fields seq, at (ISO-8601), reference, actor, action, detail and the"
                        + " previous entry's hash, each written as <length>:<value>| (a missing value as one NUL character)",
                "entries", auditEntries(reference, timeline.audit()))));
        AuditVerifier.Result chain = auditVerifier.verify();
        files.put("audit/chain-verification.json", EvidencePackFormat.bytes(Map.of(
                "verifiedAt", now.toString(),
                "intact", chain.intact(),
                "entriesChecked", chain.entriesChecked(),
                "problem", chain.problem() == null ? "" : chain.problem(),
                "entriesOfThisRequestLinked", timeline.auditIntact())));
        files.put("process/path.json", EvidencePackFormat.bytes(processHistory.path(reference)));
        for (ProcessHistory.Model model : processHistory.models(reference)) {
            String extension = "DMN".equals(model.kind()) ? ".dmn" : ".bpmn";
            files.put("models/" + model.key() + "-v" + model.version() + extension, model.xml());
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("reference", reference);
        about.put("createdAt", now.toString());
        about.put("createdBy", staffUser);
        return EvidencePackFormat.write(files, about, key);
    }

    /** Each notice with its text as sent (redacted), or a line saying the text is no longer kept. */
    private List<Map<String, Object>> notices(String requestId, List<NoticeRecord> records) {
        Map<String, String> bodies = new HashMap<>();
        jdbc.sql("select id, body from notice_outbox where request_id = :id and body is not null")
                .param("id", requestId)
                .query(rs -> {
                    bodies.put(rs.getString("id"), rs.getString("body"));
                });
        return records.stream().map(n -> {
            String body = bodies.get(n.id());
            String text = "Message-ID: " + n.messageId() + "\n"
                    + "Kind: " + n.kind() + "\n"
                    + "To: " + n.recipient() + "\n"
                    + "Language: " + n.language() + "\n"
                    + "Queued: " + n.createdAt() + "\n"
                    + "Sent: " + (n.sentAt() != null ? n.sentAt() : n.failedAt() != null ? "given up" : "not yet") + "\n"
                    + "Subject: " + n.subject() + "\n\n"
                    + (body == null ? TEXT_NO_LONGER_KEPT : redact(n.kind(), body));
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("kind", n.kind());
            notice.put("text", text);
            return notice;
        }).toList();
    }

    /** A closed request's notices lose their text and address once its records are reduced (ClosedRequestRecords). */
    static final String TEXT_NO_LONGER_KEPT = "[The text and address of this notice are no longer kept: the records of a"
            + " closed request are reduced after their retention period (docs/retention.md). Kind, subject and times"
            + " remain.]\n";

    /** Live result links and one-time codes are removed: a pack proves what was sent, it must not open anything. */
    static String redact(String kind, String body) {
        String text = DOWNLOAD_LINK.matcher(body).replaceAll("$1[link removed]");
        if (kind.startsWith("VERIFICATION")) {
            text = CODE.matcher(text).replaceAll("[code removed]");
        }
        return text;
    }

    /** Its own rows and those sealed with it once its records were reduced (the timeline's): the same fields either way. */
    private static List<Map<String, Object>> auditEntries(String reference, List<AuditRecord> records) {
        return records.stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seq", e.seq());
            entry.put("at", e.at().toString());
            entry.put("reference", reference);
            entry.put("actor", e.actor());
            entry.put("action", e.action());
            entry.put("detail", e.detail());
            entry.put("prevHash", e.prevHash());
            entry.put("hash", e.hash());
            return entry;
        }).toList();
    }

    private String readme(String reference) {
        return """
                Evidence pack of request %s (Rightsflow)

                request.json                    the request: right, status, dates, deadline policy, grounds (no personal data)
                timeline.json                   every event in time order; status history, deadline events, tasks with who
                                                claimed and completed them, the process instances
                decisions.json                  staff decisions with proposer, approver, grounds and explanation
                notices/                        each notice as sent (recipient masked; links and codes removed) and an index
                audit/entries.json              the request's audit entries with their hashes
                audit/chain-verification.json   the whole audit chain verified when this pack was made
                process/path.json               the activities the processes went through, in order
                models/                         the BPMN and DMN XML of the model versions that ran
                manifest.json, manifest.sig     SHA-256 of every file, signed with the server's Ed25519 key

                Verify (exit code 0: unaltered; 1: what changed is listed):
                  java -cp rightsflow-<version>.jar \\
                       -Dloader.main=org.rightsflow.operations.evidence.EvidencePackVerifier \\
                       org.springframework.boot.loader.launch.PropertiesLauncher <this file>.zip %s

                The last argument is the fingerprint of the server's signing key (GET /staff/api/evidence-key).
                """.formatted(reference, key.fingerprint());
    }
}
