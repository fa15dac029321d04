package org.rightsflow.datamap;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one system of the data map for one data subject. The built-in implementation is
 * {@link JdbcConnector}; a system that is not a JDBC database (a CRM behind an HTTP API, a
 * ticketing tool, object storage) gets its own implementation as a Spring bean whose
 * {@link #systemId()} matches the {@code id} and {@code connector} of its data-map document.
 *
 * <p>Rows are maps from the data-map column names (in data-map order) to plain values:
 * {@code String}, {@code Long}/{@code Integer}, {@code BigDecimal}, {@code Boolean},
 * {@code java.time.Instant} (timestamps), {@code java.time.LocalDate} (dates), {@code byte[]}
 * or {@code null}. Rows flagged restricted are included: they are still held, and the caller
 * decides what it may do with them.
 */
public interface DataSourceConnector {

    /** The {@link DataSystem#id()} this connector reads. */
    String systemId();

    /** How many rows of the category the system holds for the subject (0 when it does not map the category). */
    long count(DataCategory category, long subjectId);

    /**
     * Streams the subject's rows of the category to {@code visitor}, in a stable order, without
     * loading them all at once: memory must not grow with the number of rows. A category the
     * system does not map yields no rows. An exception thrown by the visitor stops the stream
     * and is rethrown.
     */
    void forEachRow(DataCategory category, long subjectId, Consumer<Map<String, Object>> visitor);

    /**
     * The subject's own record (the columns of {@link SubjectMapping#columns()}), for the one
     * system that holds it; empty for other systems and for unknown subjects.
     */
    default Optional<Map<String, Object>> subjectRecord(long subjectId) {
        return Optional.empty();
    }
}
