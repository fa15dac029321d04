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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The built-in connector of a system whose tables live in a JDBC database (the account system in the application's
 * own database, or a database with a connection of its own): every operation of {@link SystemConnector} as SQL built
 * from the validated data map (table and column names never come from requests), every statement filtered by the
 * subject key unless a selection asks for every subject.
 *
 * <p>Rows are streamed with a forward-only, read-only cursor and a fetch size, inside a transaction when none is
 * active (PostgreSQL fetches in batches only with auto-commit off), so memory does not grow with the number of rows.
 * Writes join the caller's transaction when the connector's data source is the one the transaction runs on.
 *
 * <p>Every write can run again with the same result (retried jobs): an erased row is not found again (anonymised
 * rows are recognised by their replacement values), a restricted row is not restricted twice, a correction writes
 * the same value.
 */
public class JdbcConnector implements SystemConnector {

    private final DataSource dataSource;
    private final DataSystem system;
    private final int fetchSize;
    private final JdbcTemplate jdbc;
    private final Map<DataCategory, CategoryStatements> statements = new EnumMap<>(DataCategory.class);
    private final String subjectSelect;
    /** Set when the system's own database was down at start-up: the schema is checked at the first operation. */
    private volatile boolean schemaPending;

    /**
     * @param select              the unrestricted rows, for readers that process them
     * @param countRestricted     how many rows are restricted
     * @param selectWithRestricted every row with its restricted flag as the last column, for the subject's own copy
     */
    private record CategoryStatements(CategoryMapping mapping, String count, String select, String countRestricted,
                                      String selectWithRestricted) {
    }

    /** A WHERE clause with its arguments. */
    private record Where(String sql, List<Object> args) {
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
            // reader that would process them (copy, transfer). Erasure selects them with its own statements.
            String unrestricted = " and " + mapping.restrictedColumn() + " = false";
            statements.put(mapping.category(), new CategoryStatements(mapping,
                    "select count(*)" + where,
                    "select " + String.join(", ", mapping.columnNames()) + where + unrestricted
                            + " order by " + mapping.idColumn(),
                    "select count(*)" + where + " and " + mapping.restrictedColumn() + " = true",
                    "select " + String.join(", ", mapping.columnNames()) + ", " + mapping.restrictedColumn() + where
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

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether a connection can be had and answers within two seconds (the health endpoint asks). */
    public boolean reachable() {
        try (Connection con = dataSource.getConnection()) {
            return con.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public String systemId() {
        return system.id();
    }

    @Override
    public boolean supports(ConnectorOperation operation) {
        return true;
    }

    @Override
    public long count(DataCategory category, long subjectId) {
        return count(category, subjectId, CategoryStatements::count);
    }

    @Override
    public void forEachRow(DataCategory category, long subjectId, Consumer<Map<String, Object>> visitor) {
        forEachRow(category, subjectId, CategoryStatements::select, (row, restricted) -> visitor.accept(row));
    }

    @Override
    public long countRestricted(DataCategory category, long subjectId) {
        return count(category, subjectId, CategoryStatements::countRestricted);
    }

    /** The subject's rows that {@code counting} counts; none in a category this system does not hold. */
    private long count(DataCategory category, long subjectId, Function<CategoryStatements, String> counting) {
        ensureSchema();
        CategoryStatements sql = statements.get(category);
        if (sql == null) {
            return 0;
        }
        Long count = jdbc.queryForObject(counting.apply(sql), Long.class, subjectId);
        return count == null ? 0 : count;
    }

    @Override
    public void forEachRowWithRestricted(DataCategory category, long subjectId,
                                         java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
        forEachRow(category, subjectId, CategoryStatements::selectWithRestricted, visitor);
    }

    /** The subject's rows that {@code selecting} selects; none in a category this system does not hold. */
    private void forEachRow(DataCategory category, long subjectId, Function<CategoryStatements, String> selecting,
                            java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
        ensureSchema();
        CategoryStatements sql = statements.get(category);
        if (sql == null) {
            return;
        }
        stream(category, selecting.apply(sql), sql.mapping().columnNames(), subjectId, visitor);
    }

    /**
     * Streams the rows of {@code select} (the mapped columns, then, when the statement has one more, the restricted
     * flag) with a fetch size on a forward-only cursor, in a transaction of its own when there is none.
     */
    private void stream(DataCategory category, String select, List<String> columns, long subjectId,
                        java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
        Connection con = DataSourceUtils.getConnection(dataSource);
        boolean ownTransaction = false;
        try {
            if (!DataSourceUtils.isConnectionTransactional(con, dataSource) && con.getAutoCommit()) {
                con.setAutoCommit(false);
                ownTransaction = true;
            }
            try (PreparedStatement ps = con.prepareStatement(select,
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                ps.setLong(1, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    int[] types = types(rs.getMetaData(), columns.size());
                    boolean flagged = rs.getMetaData().getColumnCount() > columns.size();
                    while (rs.next()) {
                        visitor.accept(row(rs, columns, types), flagged && rs.getBoolean(columns.size() + 1));
                    }
                }
            }
            if (ownTransaction) {
                con.commit();
            }
        } catch (SQLException e) {
            rollbackQuietly(con, ownTransaction);
            throw translate("stream " + category, select, e);
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
        ensureSchema();
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

    // ---------------------------------------------------------------- selections, retention, erasure

    @Override
    public long count(DataCategory category, RowSelection rows) {
        ensureSchema();
        CategoryMapping mapping = mapping(category).orElse(null);
        if (mapping == null) {
            return 0;
        }
        Where where = where(mapping, rows, "");
        Long count = jdbc.queryForObject("select count(*) from " + mapping.table() + " where " + where.sql(),
                Long.class, where.args().toArray());
        return count == null ? 0 : count;
    }

    @Override
    public Optional<RetentionWindow> retentionWindow(DataCategory category, long subjectId, Instant at) {
        ensureSchema();
        CategoryMapping mapping = mapping(category).orElse(null);
        if (mapping == null || mapping.retention() == null
                || count(category, RowSelection.withinRetention(subjectId, at)) == 0) {
            return Optional.empty();
        }
        RetentionRule retention = mapping.retention();
        String anchor = retention.countsFrom();
        Instant fromNow = at.atZone(DataMap.ZONE).plus(retention.period()).toInstant();
        // the first held row to expire: the earliest anchor within retention; only unanchored rows: a period from now
        OffsetDateTime earliest = jdbc.queryForObject("select min(" + anchor + ") from " + mapping.table()
                + " where " + mapping.subjectKey() + " = ? and " + anchor + " > ?", OffsetDateTime.class,
                subjectId, cutoff(retention, at));
        Instant next = earliest != null ? retention.expiresAt(earliest.toInstant()) : fromNow;
        // the last: the latest anchor, or a period from now where a row's period has not started yet
        OffsetDateTime latest = jdbc.queryForObject("select max(" + anchor + ") from " + mapping.table()
                + " where " + mapping.subjectKey() + " = ?", OffsetDateTime.class, subjectId);
        Long unanchored = jdbc.queryForObject("select count(*) from " + mapping.table() + " where "
                + mapping.subjectKey() + " = ? and " + anchor + " is null", Long.class, subjectId);
        Instant last = latest == null ? fromNow : retention.expiresAt(latest.toInstant());
        if (unanchored != null && unanchored > 0 && fromNow.isAfter(last)) {
            last = fromNow;
        }
        return Optional.of(new RetentionWindow(next, last));
    }

    @Override
    public long erase(DataCategory category, RowSelection rows) {
        ensureSchema();
        CategoryMapping mapping = mapping(category).orElse(null);
        if (mapping == null) {
            return 0;
        }
        return erase(mapping, mapping.erase(), rows);
    }

    @Override
    public long eraseConsentBased(DataCategory category, String purpose, RowSelection rows) {
        CategoryMapping mapping = mapping(category).orElse(null);
        ConsentBasedData data = mapping == null ? null : mapping.consentBased(purpose).orElse(null);
        if (data == null) {
            return 0;
        }
        return erase(mapping, data.erase(), rows);
    }

    private long erase(CategoryMapping mapping, EraseRule rule, RowSelection rows) {
        if (rule.strategy() == EraseStrategy.DELETE_ROW) {
            Where where = limited(mapping, where(mapping, rows, ""), rows.limit());
            return jdbc.update("delete from " + mapping.table() + " where " + where.sql(), where.args().toArray());
        }
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        List<Object> notYetArgs = new ArrayList<>();
        for (ColumnErasure column : rule.columns()) {
            String replacement = rule.strategy() == EraseStrategy.NULL_COLUMNS ? null : column.replacement();
            if (replacement == null) {
                sets.add(column.column() + " = null");
                notYet.add(column.column() + " is not null");
            } else if (replacement.contains(ColumnErasure.ID_PLACEHOLDER)) {
                // a value per row (unique columns stay unique): prefix || id || suffix
                int at = replacement.indexOf(ColumnErasure.ID_PLACEHOLDER);
                String perRow = "? || cast(" + mapping.idColumn() + " as varchar(20)) || ?";
                String prefix = replacement.substring(0, at);
                String suffix = replacement.substring(at + ColumnErasure.ID_PLACEHOLDER.length());
                sets.add(column.column() + " = " + perRow);
                args.add(prefix);
                args.add(suffix);
                notYet.add(column.column() + " is distinct from " + perRow);
                notYetArgs.add(prefix);
                notYetArgs.add(suffix);
            } else {
                sets.add(column.column() + " = ?");
                args.add(replacement);
                notYet.add(column.column() + " is distinct from ?");
                notYetArgs.add(replacement);
            }
        }
        // what is left of the row is no longer personal data: nothing to restrict any more
        sets.add(mapping.restrictedColumn() + " = ?");
        args.add(false);
        // only rows not erased yet: a repeat changes nothing, and a limited sweep makes progress
        Where selected = where(mapping, rows, " and (" + String.join(" or ", notYet) + ")");
        List<Object> whereArgs = new ArrayList<>(selected.args());
        whereArgs.addAll(notYetArgs);
        Where where = limited(mapping, new Where(selected.sql(), whereArgs), rows.limit());
        args.addAll(where.args());
        return jdbc.update("update " + mapping.table() + " set " + String.join(", ", sets) + " where " + where.sql(),
                args.toArray());
    }

    @Override
    public long restrict(DataCategory category, RowSelection rows) {
        return setRestricted(category, rows, true);
    }

    @Override
    public long liftRestriction(DataCategory category, RowSelection rows) {
        return setRestricted(category, rows, false);
    }

    private long setRestricted(DataCategory category, RowSelection rows, boolean restricted) {
        ensureSchema();
        CategoryMapping mapping = mapping(category).orElse(null);
        if (mapping == null) {
            return 0;
        }
        Where selected = where(mapping, rows, " and " + mapping.restrictedColumn() + " = ?");
        List<Object> whereArgs = new ArrayList<>(selected.args());
        whereArgs.add(!restricted);
        Where where = limited(mapping, new Where(selected.sql(), whereArgs), rows.limit());
        List<Object> args = new ArrayList<>();
        args.add(restricted);
        args.addAll(where.args());
        return jdbc.update("update " + mapping.table() + " set " + mapping.restrictedColumn() + " = ? where "
                + where.sql(), args.toArray());
    }

    @Override
    public void eraseSubjectRecord(long subjectId) {
        ensureSchema();
        SubjectMapping subject = system.subject();
        if (subject == null) {
            throw new UnsupportedConnectorOperationException(systemId(), ConnectorOperation.ERASE, execution());
        }
        EraseRule rule = subject.erase();
        if (rule.strategy() == EraseStrategy.DELETE_ROW) {
            jdbc.update("delete from " + subject.table() + " where " + subject.idColumn() + " = ?", subjectId);
            return;
        }
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (ColumnErasure column : rule.columns()) {
            String replacement = rule.strategy() == EraseStrategy.NULL_COLUMNS ? null : column.replacementFor(subjectId);
            if (replacement == null) {
                sets.add(column.column() + " = null");
            } else {
                sets.add(column.column() + " = ?");
                args.add(replacement);
            }
        }
        args.add(subjectId);
        jdbc.update("update " + subject.table() + " set " + String.join(", ", sets) + " where "
                + subject.idColumn() + " = ?", args.toArray());
    }

    @Override
    public long withdrawConsent(long subjectId, java.util.Collection<String> purposes, Instant at) {
        ensureSchema();
        CategoryMapping mapping = mapping(DataCategory.CONSENTS).orElse(null);
        if (mapping == null || mapping.consentRegister() == null) {
            return 0;
        }
        ConsentRegisterColumns register = mapping.consentRegister();
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String source = register.sourceColumn() == null ? "" : ", " + register.sourceColumn() + " = ?";
        long changed = 0;
        for (String purpose : purposes) {
            if (!register.holds(purpose)) {
                continue;
            }
            List<Object> args = new ArrayList<>(List.of(false, when));
            if (register.sourceColumn() != null) {
                args.add(ConsentRegisterColumns.SOURCE_RIGHTS_REQUEST);
            }
            args.addAll(List.of(subjectId, purpose, false));
            changed += jdbc.update("update " + mapping.table() + " set " + register.grantedColumn() + " = ?, "
                    + register.changedAtColumn() + " = ?" + source + " where " + mapping.subjectKey() + " = ? and "
                    + register.purposeColumn() + " = ? and " + register.grantedColumn() + " <> ?", args.toArray());
            Long rows = jdbc.queryForObject("select count(*) from " + mapping.table() + " where "
                    + mapping.subjectKey() + " = ? and " + register.purposeColumn() + " = ?", Long.class,
                    subjectId, purpose);
            if (rows == null || rows == 0) {
                // no earlier choice on record: record the refusal, so that a later default cannot mean consent
                List<String> columns = new ArrayList<>(List.of(mapping.subjectKey(), register.purposeColumn(),
                        register.grantedColumn(), register.changedAtColumn()));
                List<Object> values = new ArrayList<>(List.of(subjectId, purpose, false, when));
                if (register.sourceColumn() != null) {
                    columns.add(register.sourceColumn());
                    values.add(ConsentRegisterColumns.SOURCE_RIGHTS_REQUEST);
                }
                changed += jdbc.update("insert into " + mapping.table() + " (" + String.join(", ", columns)
                        + ") values (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")",
                        values.toArray());
            }
        }
        return changed;
    }

    @Override
    public long countCancellationBlockers(DataCategory category, long subjectId) {
        ensureSchema();
        CategoryMapping mapping = mapping(category).orElse(null);
        if (mapping == null || mapping.blocksCancellation() == null) {
            return 0;
        }
        CancellationBlocker blocker = mapping.blocksCancellation();
        List<Object> args = new ArrayList<>();
        args.add(subjectId);
        args.addAll(blocker.values());
        Long count = jdbc.queryForObject("select count(*) from " + mapping.table() + " where " + mapping.subjectKey()
                + " = ? and " + blocker.column() + " in (" + String.join(", ", java.util.Collections.nCopies(
                blocker.values().size(), "?")) + ")", Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    // ---------------------------------------------------------------- correction

    @Override
    public List<String> currentValues(CorrectableField field, long subjectId) {
        ensureSchema();
        requireOwn(field);
        return jdbc.queryForList("select " + field.column() + " from " + field.table() + " where "
                + field.subjectKey() + " = ? order by 1", String.class, subjectId);
    }

    @Override
    public OptionalInt maxLength(CorrectableField field) {
        ensureSchema();
        requireOwn(field);
        Integer width = jdbc.query("select " + field.column() + " from " + field.table() + " where 1 = 0", rs -> {
            int precision = rs.getMetaData().getPrecision(1);
            return precision > 0 && precision < Integer.MAX_VALUE ? precision : null;
        });
        return width == null ? OptionalInt.empty() : OptionalInt.of(width);
    }

    @Override
    public long correct(CorrectableField field, long subjectId, String value) {
        ensureSchema();
        requireOwn(field);
        return jdbc.update("update " + field.table() + " set " + field.column() + " = ? where "
                + field.subjectKey() + " = ?", value, subjectId);
    }

    /** True when every other column of the field's table fills itself (nullable, a default, or generated). */
    @Override
    public boolean canSupplement(CorrectableField field) {
        ensureSchema();
        requireOwn(field);
        return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection connection) -> {
            java.sql.DatabaseMetaData meta = connection.getMetaData();
            boolean found = false;
            for (String table : new String[] {field.table(), field.table().toUpperCase(java.util.Locale.ROOT)}) {
                try (java.sql.ResultSet columns = meta.getColumns(connection.getCatalog(), connection.getSchema(), table, null)) {
                    while (columns.next()) {
                        found = true;
                        String name = columns.getString("COLUMN_NAME");
                        boolean given = name.equalsIgnoreCase(field.column()) || name.equalsIgnoreCase(field.subjectKey());
                        boolean fillsItself = columns.getInt("NULLABLE") != java.sql.DatabaseMetaData.columnNoNulls
                                || columns.getString("COLUMN_DEF") != null
                                || "YES".equalsIgnoreCase(columns.getString("IS_AUTOINCREMENT"))
                                || "YES".equalsIgnoreCase(columns.getString("IS_GENERATEDCOLUMN"));
                        if (!given && !fillsItself) {
                            return false;
                        }
                    }
                }
                if (found) {
                    return true;
                }
            }
            return false;
        }));
    }

    @Override
    public long supplement(CorrectableField field, long subjectId, String value) {
        ensureSchema();
        requireOwn(field);
        long written = correct(field, subjectId, value);
        if (written > 0) {
            return written; // a row came into being since the check (or a retried step): write into it
        }
        return jdbc.update("insert into " + field.table() + " (" + field.subjectKey() + ", " + field.column()
                + ") values (?, ?)", subjectId, value);
    }

    private void requireOwn(CorrectableField field) {
        if (!system.id().equals(field.systemId())) {
            throw new IllegalArgumentException("field " + field.field() + " belongs to system '" + field.systemId()
                    + "', not '" + system.id() + "'");
        }
    }

    // ---------------------------------------------------------------- SQL pieces

    private Optional<CategoryMapping> mapping(DataCategory category) {
        CategoryStatements sql = statements.get(category);
        return sql == null ? Optional.empty() : Optional.of(sql.mapping());
    }

    /** The selection as a WHERE clause (never empty), followed by {@code extra} (starting with " and"). */
    private static Where where(CategoryMapping mapping, RowSelection rows, String extra) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (rows.subjectId() != null) {
            conditions.add(mapping.subjectKey() + " = ?");
            args.add(rows.subjectId());
        }
        RetentionRule retention = mapping.retention();
        switch (rows.scope()) {
            case ALL -> { }
            case WITHIN_RETENTION -> {
                if (retention == null) {
                    conditions.add("1 = 0");
                } else {
                    conditions.add("(" + retention.countsFrom() + " is null or " + retention.countsFrom() + " > ?)");
                    args.add(cutoff(retention, rows.at()));
                }
            }
            case PAST_RETENTION -> {
                if (retention != null) {
                    conditions.add(retention.countsFrom() + " is not null and " + retention.countsFrom() + " <= ?");
                    args.add(cutoff(retention, rows.at()));
                }
            }
        }
        if (!rows.exceptSubjects().isEmpty()) {
            List<Long> except = rows.exceptSubjectsInOrder();
            conditions.add(mapping.subjectKey() + " not in (" + String.join(", ", java.util.Collections.nCopies(
                    except.size(), "?")) + ")");
            args.addAll(except);
        }
        String sql = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        return new Where(sql + extra, args);
    }

    /** At most {@code limit} rows of the selection, the lowest ids first (0: no limit). */
    private static Where limited(CategoryMapping mapping, Where where, int limit) {
        if (limit == 0) {
            return where;
        }
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        return new Where(mapping.idColumn() + " in (select " + mapping.idColumn() + " from " + mapping.table()
                + " where " + where.sql() + " order by " + mapping.idColumn() + " fetch first ? rows only)", args);
    }

    /** Rows anchored at or before this instant have passed their retention at {@code at}. */
    private static OffsetDateTime cutoff(RetentionRule retention, Instant at) {
        return at.atZone(DataMap.ZONE).minus(retention.period()).toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * The start-up check of {@link #verifySchema()}. A database of the system's own that cannot be reached now does
     * not stop the start: the check runs again before the first operation (which fails, and is retried, while the
     * database is down). A schema that does not match stops the start.
     *
     * @param ownDatabase whether the system has a connection of its own (the application's database must be there)
     */
    public void verifySchemaAtStart(boolean ownDatabase) {
        try {
            verifySchema();
        } catch (org.springframework.dao.DataAccessResourceFailureException unreachable) {
            if (!ownDatabase) {
                throw unreachable;
            }
            schemaPending = true;
            org.slf4j.LoggerFactory.getLogger(JdbcConnector.class).warn("Data map system '{}': its database cannot"
                    + " be reached at start-up ({}); its schema is checked at its first use, its steps fail until"
                    + " then", system.id(), unreachable.getMostSpecificCause().getClass().getSimpleName());
        }
    }

    private void ensureSchema() {
        if (schemaPending) {
            verifySchema();
            schemaPending = false;
        }
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
            needed.add(mapping.restrictedColumn());
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
