package org.rightsflow.identity;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.download.PackageCrypto;
import org.rightsflow.request.FiledAs;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.request.StatusTokenCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evidence a close relative of a deceased account holder uploads for the manual identity check (docs/rights.md,
 * "Who may file"): the death, the relationship, the relative's own identity. Only PDF, JPEG and PNG, recognised by
 * their first bytes (a renamed executable is refused whatever its name or declared type); at most {@link #MAX_FILES}
 * files of {@link #MAX_BYTES} per request; all of an upload or nothing. Each file is encrypted at rest as result
 * packages are (its own key, wrapped with the server's master key and bound to the row), no file name is kept, and
 * nothing of it reaches the engine. Intake staff read it from the identity check, each view audited; it is deleted
 * when the request closes ({@code RequestRepository#updateStatus}).
 */
@Service
public class RelativeEvidence {

    public static final int MAX_FILES = 5;
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final JdbcClient jdbc;
    private final StatusTokenCheck tokenCheck;
    private final RequestRepository requests;
    private final PackageCrypto crypto;
    private final AuditTrail audit;
    private final TimeSource time;

    public RelativeEvidence(JdbcClient jdbc, StatusTokenCheck tokenCheck, RequestRepository requests, PackageCrypto crypto,
                            AuditTrail audit, TimeSource time) {
        this.jdbc = jdbc;
        this.tokenCheck = tokenCheck;
        this.requests = requests;
        this.crypto = crypto;
        this.audit = audit;
        this.time = time;
    }

    /** An uploaded file as it arrived: its size as announced and a way to read it (its name is never asked for). */
    public interface Upload {
        long size();

        InputStream open() throws IOException;
    }

    /** A stored file as staff see it listed: its number in the request, type, size and when it came. */
    public record Stored(int number, String contentType, long sizeBytes, String sha256, Instant uploadedAt) {
    }

    /** A stored file opened for intake staff. */
    public record Opened(Stored file, byte[] content) {
    }

    /**
     * Stores the files of one upload for the requester holding the status token, or none of them.
     *
     * @return how many files the request holds now
     * @throws RequestNotFoundException for an unknown reference or a wrong token (the same answer)
     * @throws EvidenceRejected         for an upload that is not kept, with the reason
     */
    @Transactional
    public int add(String reference, String statusToken, List<? extends Upload> files) {
        RightsRequest opened = tokenCheck.open(reference, statusToken);
        RightsRequest request = requests.lockById(opened.id()).orElseThrow(RequestNotFoundException::new);
        if (request.filedAs() != FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            throw new EvidenceRejected(EvidenceRejected.Reason.EVIDENCE_NOT_EXPECTED,
                    "Evidence is taken only for a close relative's request about a deceased account holder");
        }
        if (request.verifiedAt() != null || (request.status() != RequestStatus.RECEIVED
                && request.status() != RequestStatus.AWAITING_VERIFICATION)) {
            throw new EvidenceRejected(EvidenceRejected.Reason.VERIFICATION_CLOSED,
                    "The identity check of this request is over: evidence can no longer be added");
        }
        if (files.isEmpty()) {
            throw new EvidenceRejected(EvidenceRejected.Reason.NO_FILES, "Send at least one file");
        }
        int held = count(request.id());
        if (held + files.size() > MAX_FILES) {
            throw new EvidenceRejected(EvidenceRejected.Reason.TOO_MANY_FILES, "At most " + MAX_FILES
                    + " files per request; this one holds " + held);
        }
        // every file is checked before any is stored: an upload is kept whole or not at all
        List<byte[]> contents = files.stream().map(RelativeEvidence::read).toList();
        List<String> types = contents.stream().map(content -> typeOf(content).orElseThrow(() -> new EvidenceRejected(
                EvidenceRejected.Reason.UNSUPPORTED_FILE_TYPE, "Only PDF, JPEG and PNG files are accepted"))).toList();
        Instant now = time.now();
        for (int i = 0; i < contents.size(); i++) {
            store(request, held + i + 1, types.get(i), contents.get(i), now);
        }
        audit.record(request.reference(), "requester", "EVIDENCE_UPLOADED",
                "{\"files\":" + contents.size() + ",\"held\":" + (held + contents.size()) + "}");
        return held + contents.size();
    }

    public int count(String requestId) {
        return jdbc.sql("select count(*) from request_evidence where request_id = :id").param("id", requestId)
                .query(Integer.class).single();
    }

    public List<Stored> list(String requestId) {
        return jdbc.sql("""
                        select number, content_type, size_bytes, sha256, uploaded_at from request_evidence
                        where request_id = :id order by number""").param("id", requestId)
                .query((rs, n) -> new Stored(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        instant(rs, "uploaded_at"))).list();
    }

    /** A file decrypted for the intake staff member reading it; the view is audited. Empty when there is none. */
    @Transactional
    public Optional<Opened> open(RightsRequest request, int number, String staffUser) {
        return jdbc.sql("""
                        select id, number, content_type, size_bytes, sha256, uploaded_at, wrapped_key, content
                        from request_evidence where request_id = :id and number = :number""")
                .param("id", request.id()).param("number", number)
                .query((rs, n) -> {
                    String id = rs.getString("id");
                    byte[] plain = decrypt(rs.getBytes("content"), crypto.unwrap(rs.getString("wrapped_key"), id));
                    return new Opened(new Stored(rs.getInt("number"), rs.getString("content_type"),
                            rs.getLong("size_bytes"), rs.getString("sha256"), instant(rs, "uploaded_at")), plain);
                }).optional()
                .map(opened -> {
                    audit.record(request.reference(), "staff:" + staffUser, "EVIDENCE_VIEWED",
                            "{\"number\":" + number + "}");
                    return opened;
                });
    }

    private void store(RightsRequest request, int number, String type, byte[] content, Instant now) {
        String id = UUID.randomUUID().toString();
        byte[] key = crypto.newKey();
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(content.length + 1024);
        try (OutputStream out = crypto.encrypting(sealed, key)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                        insert into request_evidence (id, request_id, number, content_type, size_bytes, sha256, wrapped_key,
                          content, uploaded_at) values (:id, :request, :number, :type, :size, :sha, :key, :content, :at)""")
                .param("id", id).param("request", request.id()).param("number", number).param("type", type)
                .param("size", (long) content.length).param("sha", Hashing.sha256Hex(content))
                .param("key", crypto.wrap(key, id)).param("content", sealed.toByteArray()).param("at", ts(now))
                .update();
    }

    private byte[] decrypt(byte[] sealed, byte[] key) {
        try (InputStream in = crypto.decrypting(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Upload upload) {
        if (upload.size() > MAX_BYTES) {
            throw new EvidenceRejected(EvidenceRejected.Reason.FILE_TOO_LARGE, "A file may be at most 10 MB");
        }
        try (InputStream in = upload.open()) {
            byte[] content = in.readNBytes((int) MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new EvidenceRejected(EvidenceRejected.Reason.FILE_TOO_LARGE, "A file may be at most 10 MB");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PDF, JPEG or PNG by the file's first bytes; nothing else. */
    static Optional<String> typeOf(byte[] content) {
        if (startsWith(content, PDF)) {
            return Optional.of("application/pdf");
        }
        if (startsWith(content, JPEG)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(content, PNG)) {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
