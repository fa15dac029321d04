package org.rightsflow.datamap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The built-in connector: reads a system whose tables live in a JDBC database (the account
 * system in the application's own database). Rows are streamed with a forward-only, read-only
 * cursor and a fetch size, inside a transaction when none is active (PostgreSQL fetches in
 * batches only with auto-commit off), so memory does not grow with the number of rows.
 * Table and column names come from the validated data map, never from requests.
 */
public class JdbcConnector implements DataSourceConnector {

    private final DataSource dataSource;
    private final DataSystem system;
    private final int fetchSize;
    private final JdbcTemplate jdbc;
    private final Map<DataCategory, CategoryStatements> statements = new EnumMap<>(DataCategory.class);
    private final String subjectSelect;

    private record CategoryStatements(CategoryMapping mapping, String count, String select) {
    }

    public JdbcConnector(DataSource dataSource, DataSystem system, int fetchSize) {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetch size must be positive: " + fetchSize);
        }
        this.dataSource = dataSource;
        this.system = system;
        this.fetchSize = fetchSize;
        this.jdbc = new JdbcTemplate(dataSource);
        for (CategoryMapping mapping : system.categories()) {
            String where = " from " + mapping.table() + " where " + mapping.subjectKey() + " = ?";
            // Restricted rows (kept under a retention rule after a deletion or cancellation: storage and security
            // only, PIPL Art. 47) still count as held (ACCESS shows what is held), but are never streamed to a
            // reader that would process them (copy, transfer, correction). fulfilment/erasure reads and erases
            // them with its own statements.
            String unrestricted = mapping.restrictedColumn() == null ? ""
                    : " and " + mapping.restrictedColumn() + " = false";
            statements.put(mapping.category(), new CategoryStatements(mapping,
                    "select count(*)" + where,
                    "select " + String.join(", ", mapping.columnNames()) + where + unrestricted
                            + " order by " + mapping.idColumn()));
        }
        SubjectMapping subject = system.subject();
        this.subjectSelect = subject == null ? null
                : "select " + String.join(", ", subject.columnNames()) + " from " + subject.table()
                + " where " + subject.idColumn() + " = ?";
    }

    public DataSystem system() {
        return system;
    }

    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public String systemId() {
        return system.id();
    }

    @Override
    public long count(DataCategory category, long subjectId) {
        CategoryStatements sql = statements.get(category);
        if (sql == null) {
            return 0;
        }
        Long count = jdbc.queryForObject(sql.count(), Long.class, subjectId);
        return count == null ? 0 : count;
    }

    @Override
    public void forEachRow(DataCategory category, long subjectId, Consumer<Map<String, Object>> visitor) {
        CategoryStatements sql = statements.get(category);
        if (sql == null) {
            return;
        }
        List<String> columns = sql.mapping().columnNames();
        Connection con = DataSourceUtils.getConnection(dataSource);
        boolean ownTransaction = false;
        try {
            if (!DataSourceUtils.isConnectionTransactional(con, dataSource) && con.getAutoCommit()) {
                con.setAutoCommit(false);
                ownTransaction = true;
            }
            try (PreparedStatement ps = con.prepareStatement(sql.select(),
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                ps.setLong(1, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    int[] types = types(rs.getMetaData(), columns.size());
                    while (rs.next()) {
                        visitor.accept(row(rs, columns, types));
                    }
                }
            }
            if (ownTransaction) {
                con.commit();
            }
        } catch (SQLException e) {
            rollbackQuietly(con, ownTransaction);
            throw translate("stream " + category, sql.select(), e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(con, ownTransaction);
            throw e;
        } finally {
            if (ownTransaction) {
                try {
                    con.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool resets or discards the connection
                }
            }
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    @Override
    public Optional<Map<String, Object>> subjectRecord(long subjectId) {
        if (subjectSelect == null) {
            return Optional.empty();
        }
        List<String> columns = system.subject().columnNames();
        return Optional.ofNullable(jdbc.query(subjectSelect, rs -> {
            if (!rs.next()) {
                return null;
            }
            return row(rs, columns, types(rs.getMetaData(), columns.size()));
        }, subjectId));
    }

    /**
     * Checks that every table and column the data map names for this system exists in the
     * database (information_schema, current schema). Run once at start-up, after the migrations.
     *
     * @throws DataMapException naming every missing table and column
     */
    public void verifySchema() {
        List<String> problems = new ArrayList<>();
        SubjectMapping subject = system.subject();
        if (subject != null) {
            List<String> needed = new ArrayList<>(subject.columnNames());
            needed.add(0, subject.idColumn());
            check("subject", subject.table(), needed, problems);
        }
        for (CategoryMapping mapping : system.categories()) {
            List<String> needed = new ArrayList<>();
            needed.add(mapping.idColumn());
            needed.add(mapping.subjectKey());
            if (mapping.restrictedColumn() != null) {
                needed.add(mapping.restrictedColumn());
            }
            needed.addAll(mapping.columnNames());
            check("category " + mapping.category(), mapping.table(), needed, problems);
        }
        if (!problems.isEmpty()) {
            throw new DataMapException("Data map system '" + system.id()
                    + "' does not match its database:\n - " + String.join("\n - ", problems));
        }
    }

    private void check(String what, String table, List<String> needed, List<String> problems) {
        Set<String> present = new HashSet<>(jdbc.queryForList(
                "select lower(column_name) from information_schema.columns"
                        + " where lower(table_name) = ? and lower(table_schema) = lower(current_schema)",
                String.class, table.toLowerCase(Locale.ROOT)));
        if (present.isEmpty()) {
            problems.add(what + ": table '" + table + "' does not exist");
            return;
        }
        for (String column : new LinkedHashSet<>(needed)) {
            if (!present.contains(column.toLowerCase(Locale.ROOT))) {
                problems.add(what + ": table '" + table + "' has no column '" + column + "'");
            }
        }
    }

    private static int[] types(ResultSetMetaData meta, int count) throws SQLException {
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = meta.getColumnType(i + 1);
        }
        return types;
    }

    private static Map<String, Object> row(ResultSet rs, List<String> columns, int[] types) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), value(rs, i + 1, types[i]));
        }
        return row;
    }

    /** Plain Java values, the same on PostgreSQL and H2 (timestamps as Instant, dates as LocalDate). */
    static Object value(ResultSet rs, int index, int type) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                try {
                    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
                    return value == null ? null : value.toInstant();
                } catch (SQLException notConvertible) {
                    Timestamp value = rs.getTimestamp(index);
                    return value == null ? null : value.toInstant();
                }
            }
            case Types.DATE -> {
                return rs.getObject(index, LocalDate.class);
            }
            case Types.CLOB, Types.NCLOB -> {
                return rs.getString(index);
            }
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                return rs.getBytes(index);
            }
            default -> {
                Object value = rs.getObject(index);
                if (value instanceof Clob clob) {
                    return clob.getSubString(1, (int) clob.length());
                }
                return value;
            }
        }
    }

    private static void rollbackQuietly(Connection con, boolean ownTransaction) {
        if (ownTransaction) {
            try {
                con.rollback();
            } catch (SQLException ignored) {
                // the original failure matters more
            }
        }
    }

    private RuntimeException translate(String task, String sql, SQLException e) {
        RuntimeException translated = jdbc.getExceptionTranslator().translate(task, sql, e);
        return translated != null ? translated : new IllegalStateException(task + " failed", e);
    }
}
