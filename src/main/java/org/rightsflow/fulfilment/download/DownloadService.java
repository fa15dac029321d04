package org.rightsflow.fulfilment.download;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Results delivered by link (docs/rights.md, docs/api.md): stored until published, then reachable with an opaque token that
 * expires and works a limited number of times. Only the token's hash is stored. Every download is audited.
 *
 * <p>Two kinds of content: small results (the ACCESS report) in the row itself, and packages (COPY, TRANSFER) in an
 * encrypted file under {@code rightsflow.packages.storage-dir}, streamed in and out so that neither building nor
 * downloading holds a package in memory. The file's name is the download's id: nothing personal on disk names.
 */
@Service
public class DownloadService {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RightsflowProperties properties;
    private final TimeSource time;
    private final PackageCrypto crypto;
    private final PackageProperties packages;

    public DownloadService(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events,
                           RightsflowProperties properties, TimeSource time, PackageCrypto crypto,
                           PackageProperties packages) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.time = time;
        this.crypto = crypto;
        this.packages = packages;
    }

    /** Stores a result; a retried build replaces the unpublished one of the same kind instead of adding another. */
    @Transactional
    public String store(String requestId, String kind, String fileName, String contentType, byte[] content) {
        removeUnpublished(requestId, kind);
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

    /** Writes a package's plain content; the stream encrypts it on its way to the file. */
    @FunctionalInterface
    public interface PackageWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A stored package: its id, the SHA-256 of its plain content (what the recipient downloads) and its size. */
    public record StoredPackage(String downloadId, String sha256, long size) {
    }

    /**
     * Stores a package written by {@code writer} as an encrypted file with a key of its own (wrapped with the master
     * key in the row). A retried build replaces the unpublished package of the same kind, file included; a build
     * whose transaction rolls back leaves no file behind.
     */
    @Transactional
    public StoredPackage storePackage(String requestId, String kind, String fileName, String contentType,
                                      PackageWriter writer) {
        removeUnpublished(requestId, kind);
        String id = UUID.randomUUID().toString();
        Path file = fileOf(id + ".pkg");
        byte[] key = crypto.newKey();
        MessageDigest digest = sha256();
        long[] size = new long[1];
        try {
            Files.createDirectories(file.getParent());
            deleteFileAfterRollback(file);
            try (OutputStream encrypted = crypto.encrypting(new BufferedOutputStream(Files.newOutputStream(file)), key);
                 OutputStream plain = new DigestOutputStream(new FilterOutputStream(encrypted) {
                     @Override
                     public void write(int b) throws IOException {
                         size[0]++;
                         out.write(b);
                     }

                     @Override
                     public void write(byte[] b, int off, int len) throws IOException {
                         size[0] += len;
                         out.write(b, off, len);
                     }
                 }, digest)) {
                writer.writeTo(plain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write package " + id, e);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        jdbc.sql("""
                insert into download (id, request_id, kind, file_name, content_type, storage_file, wrapped_key, sha256,
                                      size_bytes, created_at, max_uses)
                values (:id, :requestId, :kind, :fileName, :contentType, :file, :key, :sha, :size, :now, :maxUses)""")
                .param("id", id).param("requestId", requestId).param("kind", kind).param("fileName", fileName)
                .param("contentType", contentType).param("file", file.getFileName().toString())
                .param("key", crypto.wrap(key, id)).param("sha", sha).param("size", size[0])
                .param("now", ts(time.now())).param("maxUses", properties.downloadMaxUses())
                .update();
        return new StoredPackage(id, sha, size[0]);
    }

    /** The SHA-256 of a stored result's plain content, as published to a transfer's recipient. */
    public String sha256(String downloadId) {
        return jdbc.sql("select sha256 from download where id = :id").param("id", downloadId)
                .query(String.class).single();
    }

    /** The path of a stored package file, for operators and tests (it holds cipher text only). */
    public Optional<Path> packageFile(String downloadId) {
        return jdbc.sql("select coalesce(storage_file, '') from download where id = :id").param("id", downloadId)
                .query(String.class).optional().filter(f -> !f.isEmpty()).map(this::fileOf);
    }

    private Path fileOf(String storageFile) {
        return packages.storageDir().resolve(storageFile);
    }

    private void removeUnpublished(String requestId, String kind) {
        List<String> files = jdbc.sql("select storage_file from download where request_id = :id and kind = :kind "
                        + "and published_at is null and storage_file is not null")
                .param("id", requestId).param("kind", kind).query(String.class).list();
        jdbc.sql("delete from download where request_id = :id and kind = :kind and published_at is null")
                .param("id", requestId).param("kind", kind).update();
        files.forEach(f -> deleteFileAfterCommit(fileOf(f)));
    }

    private static void deleteFileAfterRollback(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        deleteQuietly(file);
                    }
                }
            });
        }
    }

    private static void deleteFileAfterCommit(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteQuietly(file);
                }
            });
        } else {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an orphaned file holds cipher text only; its key is gone with the row
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        // The email links the Privacy Center's page for the link, which says what it is and how many uses and how long
        // remain, and fetches the file only when the person clicks: a mail scanner opening the link spends nothing.
        return new Published(token, expiresAt, properties.publicBaseUrl() + "/privacy/downloads/" + token);
    }

    /** Why a link no longer works. */
    public enum Gone { EXPIRED, USED_UP, DELETED }

    /**
     * A link as its page describes it, read without spending a use: what it leads to (the result's kind and file),
     * the uses and time left, and the request's reference, type and language (the page speaks the request's language).
     *
     * @param gone null while the link works
     */
    public record LinkState(String kind, String fileName, String contentType, long size, int usesLeft, int maxUses,
                            Instant expiresAt, Gone gone, String reference, String requestType, String language) {
    }

    /** The state of the link behind {@code token}; empty for a token that never was one. Counts no use. */
    @Transactional(readOnly = true)
    public Optional<LinkState> linkState(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = time.now();
        return jdbc.sql("""
                select d.kind, d.file_name, d.content_type, d.expires_at, d.uses, d.max_uses, d.deleted_at,
                       d.content is null and d.storage_file is null as no_content,
                       coalesce(octet_length(d.content), d.size_bytes, -1) as size,
                       r.reference, r.request_type, r.language
                from download d join rights_request r on r.id = d.request_id
                where d.token_hash = :hash""")
                .param("hash", Hashing.sha256Hex(token))
                .query((rs, n) -> {
                    Instant expiresAt = instant(rs, "expires_at");
                    int uses = rs.getInt("uses");
                    int maxUses = rs.getInt("max_uses");
                    Gone gone = !now.isBefore(expiresAt) ? Gone.EXPIRED
                            : rs.getObject("deleted_at") != null || rs.getBoolean("no_content") ? Gone.DELETED
                            : uses >= maxUses ? Gone.USED_UP : null;
                    return new LinkState(rs.getString("kind"), rs.getString("file_name"), rs.getString("content_type"),
                            rs.getLong("size"), Math.max(0, maxUses - uses), maxUses, expiresAt, gone,
                            rs.getString("reference"), rs.getString("request_type"), rs.getString("language"));
                })
                .optional();
    }

    /**
     * A result being downloaded: {@code content} is open (decrypting a package file while it is read); the caller
     * closes it. {@code size} is the plain size, or -1 when unknown.
     */
    public record File(String fileName, String contentType, long size, InputStream content) {
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
     * @throws DownloadGoneException for an expired, used-up or deleted one (the refusal is audited: it commits)
     */
    @Transactional(noRollbackFor = DownloadGoneException.class)
    public Optional<File> fetch(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Hashing.sha256Hex(token);
        Instant now = time.now();
        var row = jdbc.sql("""
                select d.id, d.file_name, d.content_type, d.content, d.expires_at, d.uses, d.max_uses, d.deleted_at,
                       d.storage_file, d.wrapped_key, d.size_bytes, r.reference
                from download d join rights_request r on r.id = d.request_id
                where d.token_hash = :hash for update""")
                .param("hash", hash)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content"), instant(rs, "expires_at"), rs.getInt("uses"), rs.getInt("max_uses"),
                        instant(rs, "deleted_at"), rs.getString("storage_file"), rs.getString("wrapped_key"),
                        rs.getLong("size_bytes"), rs.getString("reference")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row d = row.get();
        boolean noContent = d.content() == null && d.storageFile() == null;
        if (d.deletedAt() != null || noContent || !now.isBefore(d.expiresAt()) || d.uses() >= d.maxUses()) {
            audit.record(d.reference(), "requester", "DOWNLOAD_REFUSED", "{\"download\":\"" + d.id() + "\"}");
            throw new DownloadGoneException();
        }
        File file = d.storageFile() == null
                ? new File(d.fileName(), d.contentType(), d.content().length, new ByteArrayInputStream(d.content()))
                : new File(d.fileName(), d.contentType(), d.size(), openPackage(d));
        jdbc.sql("update download set uses = uses + 1 where id = :id").param("id", d.id()).update();
        audit.record(d.reference(), "requester", "DOWNLOADED",
                "{\"download\":\"" + d.id() + "\",\"use\":" + (d.uses() + 1) + "}");
        return Optional.of(file);
    }

    /** What a link leads to, without using it: a HEAD request (a mail scanner's probe) spends none of its uses. */
    public record Description(String fileName, String contentType, long size) {
    }

    /**
     * Describes the file behind a link without counting a use or opening it.
     *
     * @return empty for an unknown token
     * @throws DownloadGoneException for an expired, used-up or deleted one
     */
    @Transactional(readOnly = true)
    public Optional<Description> describe(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        var row = jdbc.sql("""
                select d.file_name, d.content_type, d.expires_at, d.uses, d.max_uses, d.deleted_at,
                       d.content is null and d.storage_file is null as no_content, d.size_bytes, octet_length(d.content) as stored
                from download d where d.token_hash = :hash""")
                .param("hash", Hashing.sha256Hex(token))
                .query((rs, n) -> {
                    boolean gone = rs.getObject("deleted_at") != null || rs.getBoolean("no_content")
                            || !time.now().isBefore(instant(rs, "expires_at")) || rs.getInt("uses") >= rs.getInt("max_uses");
                    long stored = rs.getLong("stored");
                    long size = rs.wasNull() ? rs.getLong("size_bytes") : stored;
                    return gone ? null : new Description(rs.getString("file_name"), rs.getString("content_type"), size);
                })
                .list();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (row.get(0) == null) {
            throw new DownloadGoneException();
        }
        return Optional.of(row.get(0));
    }

    private InputStream openPackage(Row d) {
        try {
            return crypto.decrypting(Files.newInputStream(fileOf(d.storageFile())), crypto.unwrap(d.wrappedKey(), d.id()));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("The package file of download " + d.id() + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the package of download " + d.id(), e);
        }
    }

    /**
     * At the link's expiry the result itself is deleted: the stored content, the package file and its wrapped key.
     * Running it again changes nothing (a retried job, or a file already gone).
     */
    @Transactional
    public void deleteExpired(String downloadId) {
        Optional<String> storageFile = jdbc.sql("select coalesce(storage_file, '') from download where id = :id")
                .param("id", downloadId).query(String.class).optional().filter(f -> !f.isEmpty());
        jdbc.sql("""
                update download set content = null, wrapped_key = null, deleted_at = :now
                where id = :id and deleted_at is null""")
                .param("now", ts(time.now())).param("id", downloadId).update();
        // The file goes now, not after commit: if the commit failed the retried job finds it gone and carries on.
        storageFile.ifPresent(f -> {
            try {
                Files.deleteIfExists(fileOf(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the package of download " + downloadId, e);
            }
        });
    }

    private record Row(String id, String fileName, String contentType, byte[] content, Instant expiresAt, int uses,
                       int maxUses, Instant deletedAt, String storageFile, String wrappedKey, long size,
                       String reference) {
    }
}
