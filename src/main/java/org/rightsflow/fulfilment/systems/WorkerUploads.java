package org.rightsflow.fulfilment.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.fulfilment.copy.CopyPackageWriter;
import org.rightsflow.fulfilment.copy.WorkerRows;
import org.rightsflow.fulfilment.download.PackageCrypto;
import org.rightsflow.fulfilment.download.PackageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows the workers of {@code external-task} systems upload for COPY and TRANSFER (docs/data-map.md, connectors):
 * one NDJSON stream per step and category, checked line by line against the data map (a JSON object per line whose
 * keys are the category's columns, plain values; for the subject's own copy a restricted row says so with
 * {@value #RESTRICTED_KEY}{@code : true}, a transfer's upload holds no restricted row), written encrypted as it arrives (the packages' encryption, a key
 * of its own per upload) and recorded only once the whole stream was read and checked. A broken or refused upload
 * leaves no row and no file; a worker killed mid-upload leaves a file without a row, which the sweep deletes. Uploads
 * stay STAGED until the worker's task completes (then COMMITTED with its step), and are deleted when the package
 * holds them.
 */
@Service
public class WorkerUploads implements WorkerRows {

    /** Far longer than any upload: never a file another node is still writing. */
    static final java.time.Duration LEFT_BEHIND_AFTER = java.time.Duration.ofDays(1);
    private static final String SUFFIX = ".rfu";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(WorkerUploads.class);

    private final JdbcTemplate jdbc;
    private final DataConnectors connectors;
    private final PackageCrypto crypto;
    private final WorkerProperties properties;
    private final TimeSource time;
    private final Path directory;

    public WorkerUploads(JdbcTemplate jdbc, DataConnectors connectors, PackageCrypto crypto,
                         WorkerProperties properties, PackageProperties packages, TimeSource time) {
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.crypto = crypto;
        this.properties = properties;
        this.time = time;
        this.directory = packages.storageDir().resolve("worker-uploads");
    }

    /**
     * The one key of an uploaded row that is not a column of the data map: {@code true} for a row the system holds
     * restricted (storage and security only). Only the subject's own copy takes such rows, flagged as the package's
     * restricted column; a transfer's recipient never gets them.
     */
    public static final String RESTRICTED_KEY = CopyPackageWriter.RESTRICTED_FIELD;

    /** What an upload stored; {@code restricted}: how many of its rows are restricted. */
    public record Upload(DataCategory category, long rows, long restricted, long bytes) {
    }

    /**
     * Reads, checks and stores the step's rows of one category, replacing what an earlier attempt staged for it.
     *
     * @param restrictedWanted the package is the subject's own copy: restricted rows come flagged; otherwise (a
     *                         transfer) a restricted row is refused
     * @param declaredLength the body's declared length, or -1: over the bound, nothing is read
     * @throws WorkerInputException INVALID (malformed line, unknown column, a restricted row a transfer does not
     *                              take), TOO_LARGE; nothing is stored then
     */
    @Transactional
    public Upload stage(SystemStep step, String categoryName, boolean restrictedWanted, long declaredLength,
                        InputStream body) {
        CategoryMapping mapping = mappingOf(step, categoryName);
        long max = properties.maxUploadSize().toBytes();
        if (declaredLength > max) {
            throw tooLarge(max);
        }
        String id = UUID.randomUUID().toString();
        Path file = directory.resolve(id + SUFFIX);
        byte[] key = crypto.newKey();
        long rows = 0;
        long restricted = 0;
        long bytes;
        try {
            Files.createDirectories(directory);
            BoundedInput bounded = new BoundedInput(body, max);
            try (OutputStream out = crypto.encrypting(Files.newOutputStream(file), key);
                 BufferedReader lines = new BufferedReader(new InputStreamReader(bounded, StandardCharsets.UTF_8))) {
                String line;
                long number = 0;
                while ((line = lines.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    ObjectNode row = checked(line, number, mapping);
                    if (row.path(RESTRICTED_KEY).asBoolean(false)) {
                        if (!restrictedWanted) {
                            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "RESTRICTED_ROW_NOT_WANTED",
                                    "Line " + number + " is a restricted row: a transfer takes none (leave them out)");
                        }
                        restricted++;
                    }
                    out.write(JSON.writeValueAsBytes(row));
                    out.write('\n');
                    rows++;
                }
            }
            bytes = bounded.read;
        } catch (WorkerInputException e) {
            deleteQuietly(file);
            throw e;
        } catch (BoundedInput.TooLarge e) {
            deleteQuietly(file);
            throw tooLarge(max);
        } catch (IOException e) {
            // the worker's connection broke mid-upload (or the disk failed): nothing of it is kept
            deleteQuietly(file);
            throw new UncheckedIOException("The upload of " + mapping.category() + " for step " + step.id()
                    + " broke off; nothing of it was stored", e);
        }
        try {
            List<String> replaced = jdbc.queryForList("select storage_file from worker_upload where step_id = ?"
                    + " and category = ? and status = 'STAGED'", String.class, step.id(), mapping.category().name());
            jdbc.update("delete from worker_upload where step_id = ? and category = ? and status = 'STAGED'", step.id(),
                    mapping.category().name());
            jdbc.update("insert into worker_upload (id, step_id, request_id, system_id, category, row_count,"
                            + " restricted_rows, size_bytes, storage_file, wrapped_key, status, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STAGED', ?)", id, step.id(), step.requestId(),
                    step.systemId(), mapping.category().name(), rows, restricted, bytes, file.getFileName().toString(),
                    crypto.wrap(key, id), Sql.ts(time.now()));
            afterCommit(() -> replaced.forEach(f -> deleteQuietly(directory.resolve(f))));
            afterRollback(() -> deleteQuietly(file));
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        return new Upload(mapping.category(), rows, restricted, bytes);
    }

    /** Rows per category of what the step's worker has staged. */
    public Map<DataCategory, Long> stagedRows(String stepId) {
        Map<DataCategory, Long> rows = new LinkedHashMap<>();
        jdbc.query("select category, row_count from worker_upload where step_id = ? and status = 'STAGED'",
                rs -> {
                    rows.put(DataCategory.valueOf(rs.getString(1)), rs.getLong(2));
                }, stepId);
        return rows;
    }

    /** The worker's task completed: what it staged is the step's now. Part of the step's recording transaction. */
    @Transactional
    public void commit(String stepId) {
        jdbc.update("update worker_upload set status = 'COMMITTED' where step_id = ? and status = 'STAGED'", stepId);
    }

    /** The step was taken from the worker (time limit): what it staged is deleted. */
    @Transactional
    public void discardStaged(String stepId) {
        delete("select storage_file from worker_upload where step_id = ? and status = 'STAGED'",
                "delete from worker_upload where step_id = ? and status = 'STAGED'", stepId);
    }

    @Override
    public Optional<CopyPackageWriter.RowSource> rows(String stepId, DataCategory category) {
        List<Map<String, Object>> found = jdbc.queryForList("select id, row_count, restricted_rows, storage_file,"
                + " wrapped_key"
                + " from worker_upload where step_id = ? and category = ? and status = 'COMMITTED'", stepId,
                category.name());
        if (found.isEmpty() || ((Number) found.get(0).get("row_count")).longValue() == 0) {
            return Optional.empty();
        }
        Map<String, Object> upload = found.get(0);
        String id = (String) upload.get("id");
        long count = ((Number) upload.get("row_count")).longValue();
        long restricted = ((Number) upload.get("restricted_rows")).longValue();
        Path file = directory.resolve((String) upload.get("storage_file"));
        String wrapped = (String) upload.get("wrapped_key");
        List<String> columns = jdbc.queryForList("select system_id from system_step where id = ?", String.class,
                stepId).stream().findFirst().flatMap(s -> connectors.dataMap().system(s))
                .flatMap(s -> s.category(category)).map(CategoryMapping::columnNames).orElse(List.of());
        return Optional.of(new CopyPackageWriter.RowSource() {
            @Override
            public long count() {
                return count;
            }

            @Override
            public long restricted() {
                return restricted;
            }

            @Override
            public void forEachRow(Consumer<Map<String, Object>> visitor) {
                forEachRowWithRestricted((row, flagged) -> visitor.accept(row));
            }

            @Override
            public void forEachRowWithRestricted(java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                        crypto.decrypting(Files.newInputStream(file), crypto.unwrap(wrapped, id)),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        JsonNode row = JSON.readTree(line);
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (String column : columns) {
                            values.put(column, plain(row.get(column)));
                        }
                        visitor.accept(values, row.path(RESTRICTED_KEY).asBoolean(false));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the worker upload " + id, e);
                }
            }
        });
    }

    @Override
    @Transactional
    public void deleteUploads(String requestId) {
        delete("select storage_file from worker_upload where request_id = ?",
                "delete from worker_upload where request_id = ?", requestId);
    }

    /** Deletes the files of uploads that never finished (a node or connection killed mid-upload). */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void sweep() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Instant cutoff = time.now().minus(LEFT_BEHIND_AFTER);
        try (Stream<Path> files = Files.list(directory)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path file = it.next();
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                        && jdbc.queryForObject("select count(*) from worker_upload where storage_file = ?",
                        Integer.class, name) == 0) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot sweep the worker uploads directory: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private CategoryMapping mappingOf(SystemStep step, String categoryName) {
        DataCategory category;
        try {
            category = DataCategory.valueOf(categoryName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "UNKNOWN_CATEGORY",
                    "'" + categoryName + "' is not a data category");
        }
        if (step.operation() != StepOperation.EXPORT) {
            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "NO_ROWS_EXPECTED",
                    "A " + step.operation() + " step takes no rows: report its result instead");
        }
        if (!step.categories().contains(category)) {
            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "UNKNOWN_CATEGORY",
                    "The step of system '" + step.systemId() + "' is not about " + category + "; it is about "
                            + step.categories());
        }
        return connectors.dataMap().system(step.systemId()).flatMap(s -> s.category(category)).orElseThrow(
                () -> new WorkerInputException(WorkerInputException.Kind.INVALID, "UNKNOWN_CATEGORY",
                        "System '" + step.systemId() + "' maps no " + category));
    }

    /**
     * One line: a JSON object whose keys are columns of the mapping (or {@link #RESTRICTED_KEY}, a boolean) and whose
     * values are plain (no objects).
     */
    private static ObjectNode checked(String line, long number, CategoryMapping mapping) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input: personal data, so only the line number is said
            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "MALFORMED_NDJSON",
                    "Line " + number + " is not well-formed JSON");
        }
        if (row == null || !row.isObject()) {
            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "MALFORMED_NDJSON",
                    "Line " + number + " is not a JSON object (one row per line)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (RESTRICTED_KEY.equals(field.getKey()) && mapping.column(RESTRICTED_KEY).isEmpty()) {
                if (!field.getValue().isBoolean()) {
                    throw new WorkerInputException(WorkerInputException.Kind.INVALID, "MALFORMED_NDJSON",
                            "Line " + number + ": '" + RESTRICTED_KEY + "' is true or false");
                }
                continue;
            }
            if (mapping.column(field.getKey()).isEmpty()) {
                throw new WorkerInputException(WorkerInputException.Kind.INVALID, "UNKNOWN_COLUMN",
                        "Line " + number + ": " + mapping.category() + " has no column '"
                                + abbreviated(field.getKey()) + "'; its columns are " + mapping.columnNames());
            }
            if (field.getValue().isContainerNode()) {
                throw new WorkerInputException(WorkerInputException.Kind.INVALID, "MALFORMED_NDJSON",
                        "Line " + number + ": column '" + field.getKey() + "' holds an object or array, not a value");
            }
        }
        return (ObjectNode) row;
    }

    private static String abbreviated(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }

    private static Object plain(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asText();
    }

    private static WorkerInputException tooLarge(long max) {
        return new WorkerInputException(WorkerInputException.Kind.TOO_LARGE, "UPLOAD_TOO_LARGE",
                "An upload may hold at most " + max + " bytes (rightsflow.workers.max-upload-size); nothing was stored");
    }

    private void delete(String selectFiles, String deleteRows, String key) {
        List<String> files = jdbc.queryForList(selectFiles, String.class, key);
        jdbc.update(deleteRows, key);
        afterCommit(() -> files.forEach(f -> deleteQuietly(directory.resolve(f))));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static void afterRollback(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        action.run();
                    }
                }
            });
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // cipher text whose key is gone with its row (or never stored): the sweep tries again
            log.warn("Cannot delete the worker upload file {}: {}", file.getFileName(), e.toString());
        }
    }

    /** Counts what is read and stops past the bound, so that an upload without a declared length is bounded too. */
    private static final class BoundedInput extends FilterInputStream {
        static final class TooLarge extends IOException {
            TooLarge() {
                super("upload too large");
            }
        }

        private final long max;
        long read;

        BoundedInput(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge();
            }
        }
    }
}
