package org.rightsflow.fulfilment.download;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.common.TimeSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Results delivered by link (SPEC §5, §7): stored until published, then reachable with an opaque token that
 * expires and works a limited number of times. Only the token's hash is stored. Every download is audited.
 */
@Service
public class DownloadService {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RightsflowProperties properties;
    private final TimeSource time;

    public DownloadService(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events,
                           RightsflowProperties properties, TimeSource time) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
    }

    /** Stores a result; a retried build replaces the unpublished one of the same kind instead of adding another. */
    @Transactional
    public String store(String requestId, String kind, String fileName, String contentType, byte[] content) {
        jdbc.sql("delete from download where request_id = :id and kind = :kind and published_at is null")
                .param("id", requestId).param("kind", kind).update();
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into download (id, request_id, kind, file_name, content_type, content, sha256, created_at, max_uses)
                values (:id, :requestId, :kind, :fileName, :contentType, :content, :sha, :now, :maxUses)""")
                .param("id", id).param("requestId", requestId).param("kind", kind).param("fileName", fileName)
                .param("contentType", contentType).param("content", content).param("sha", Hashing.sha256Hex(content))
                .param("now", ts(time.now())).param("maxUses", properties.downloadMaxUses())
                .update();
        return id;
    }

    public record Published(String token, Instant expiresAt, String url) {
    }

    /** Makes a stored result reachable by a fresh token and announces its expiry to the process layer. */
    @Transactional
    public Published publish(String downloadId) {
        Instant now = time.now();
        Instant expiresAt = now.plus(properties.downloadValidity());
        String token = Hashing.randomToken(32);
        int updated = jdbc.sql("""
                update download set token_hash = :hash, published_at = :now, expires_at = :expires
                where id = :id and deleted_at is null""")
                .param("hash", Hashing.sha256Hex(token)).param("now", ts(now)).param("expires", ts(expiresAt))
                .param("id", downloadId).update();
        if (updated != 1) {
            throw new IllegalStateException("Download " + downloadId + " does not exist or was deleted");
        }
        String reference = jdbc.sql("select r.reference from download d join rights_request r on r.id = d.request_id "
                + "where d.id = :id").param("id", downloadId).query(String.class).single();
        events.publishEvent(new DownloadPublished(downloadId, reference, expiresAt));
        return new Published(token, expiresAt, properties.publicBaseUrl() + "/api/downloads/" + token);
    }

    public record File(String fileName, String contentType, byte[] content) {
    }

    /** Thrown for a link that existed but expired, was used up or whose result was deleted. */
    public static class DownloadGoneException extends RuntimeException {
        public DownloadGoneException() {
            super("This link has expired or has been used the maximum number of times");
        }
    }

    /**
     * Counts one use and returns the file.
     *
     * @return empty for an unknown token
     * @throws DownloadGoneException for an expired, used-up or deleted one
     */
    @Transactional
    public Optional<File> fetch(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Hashing.sha256Hex(token);
        Instant now = time.now();
        var row = jdbc.sql("""
                select d.id, d.file_name, d.content_type, d.content, d.expires_at, d.uses, d.max_uses, d.deleted_at,
                       r.reference
                from download d join rights_request r on r.id = d.request_id
                where d.token_hash = :hash for update""")
                .param("hash", hash)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content"), instant(rs, "expires_at"), rs.getInt("uses"), rs.getInt("max_uses"),
                        instant(rs, "deleted_at"), rs.getString("reference")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row d = row.get();
        if (d.deletedAt() != null || d.content() == null || !now.isBefore(d.expiresAt()) || d.uses() >= d.maxUses()) {
            audit.record(d.reference(), "requester", "DOWNLOAD_REFUSED", "{\"download\":\"" + d.id() + "\"}");
            throw new DownloadGoneException();
        }
        jdbc.sql("update download set uses = uses + 1 where id = :id").param("id", d.id()).update();
        audit.record(d.reference(), "requester", "DOWNLOADED",
                "{\"download\":\"" + d.id() + "\",\"use\":" + (d.uses() + 1) + "}");
        return Optional.of(new File(d.fileName(), d.contentType(), d.content()));
    }

    /** At the link's expiry the result itself is deleted; running it again changes nothing. */
    @Transactional
    public void deleteExpired(String downloadId) {
        jdbc.sql("update download set content = null, deleted_at = :now where id = :id and deleted_at is null")
                .param("now", ts(time.now())).param("id", downloadId).update();
    }

    private record Row(String id, String fileName, String contentType, byte[] content, Instant expiresAt, int uses,
                       int maxUses, Instant deletedAt, String reference) {
    }
}
