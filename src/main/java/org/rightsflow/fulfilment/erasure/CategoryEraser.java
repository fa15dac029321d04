package org.rightsflow.fulfilment.erasure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.ColumnErasure;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.EraseRule;
import org.rightsflow.datamap.RetentionRule;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of erasure for one category of a JDBC system, built from the validated data map (table and column
 * names never come from requests). Every statement is filtered by the subject key, so nothing outside the
 * subject is touched, and every statement can run again: a row already deleted is simply not found, a column
 * already anonymised is overwritten with the same value.
 *
 * <p>"Held" rows are those still within their retention period at a cut-off instant: the anchor column is
 * NULL (the period has not started) or later than {@code now - period}.
 */
final class CategoryEraser {

    private final JdbcTemplate jdbc;
    private final CategoryMapping mapping;
    private final RetentionRule retention;

    CategoryEraser(JdbcTemplate jdbc, CategoryMapping mapping) {
        this.jdbc = jdbc;
        this.mapping = mapping;
        this.retention = mapping.retention();
    }

    boolean hasRetention() {
        return retention != null;
    }

    /** Rows whose anchor is at or before this instant have passed their retention at {@code now}. */
    Instant cutoff(Instant now) {
        return now.atZone(DataMap.ZONE).minus(retention.period()).toInstant();
    }

    long countAll(long accountId) {
        return count(" where " + mapping.subjectKey() + " = ?", accountId);
    }

    long countHeld(long accountId, Instant now) {
        if (!hasRetention()) {
            return 0;
        }
        return count(" where " + mapping.subjectKey() + " = ? and " + heldCondition(), accountId,
                Timestamp.from(cutoff(now)));
    }

    /**
     * The next instant at which some held row of the subject passes its retention: the earliest anchor's expiry;
     * when only rows without an anchor are held, one full period from now (the earliest they could expire).
     */
    Optional<Instant> nextExpiry(long accountId, Instant now) {
        if (countHeld(accountId, now) == 0) {
            return Optional.empty();
        }
        Timestamp earliest = jdbc.queryForObject("select min(" + retention.countsFrom() + ") from " + mapping.table()
                        + " where " + mapping.subjectKey() + " = ? and " + retention.countsFrom() + " > ?",
                Timestamp.class, accountId, Timestamp.from(cutoff(now)));
        return Optional.of(earliest != null ? retention.expiresAt(earliest.toInstant())
                : now.atZone(DataMap.ZONE).plus(retention.period()).toInstant());
    }

    /**
     * When the last held row of the subject passes its retention (rows without an anchor count as starting now):
     * what the requester is told as "restricted until".
     */
    Optional<Instant> lastExpiry(long accountId, Instant now) {
        if (countHeld(accountId, now) == 0) {
            return Optional.empty();
        }
        Timestamp latest = jdbc.queryForObject("select max(" + retention.countsFrom() + ") from " + mapping.table()
                + " where " + mapping.subjectKey() + " = ?", Timestamp.class, accountId);
        Instant fromNow = now.atZone(DataMap.ZONE).plus(retention.period()).toInstant();
        long unanchored = count(" where " + mapping.subjectKey() + " = ? and " + retention.countsFrom() + " is null",
                accountId);
        Instant last = latest == null ? fromNow : retention.expiresAt(latest.toInstant());
        return Optional.of(unanchored > 0 && fromNow.isAfter(last) ? fromNow : last);
    }

    /** Erases every row of the subject that is not held at {@code now} (all rows when the category has no retention). */
    int eraseUnheld(long accountId, Instant now) {
        List<Object> args = new ArrayList<>();
        String where = " where " + mapping.subjectKey() + " = ?";
        args.add(accountId);
        if (hasRetention()) {
            where += " and " + retention.countsFrom() + " is not null and " + retention.countsFrom() + " <= ?";
            args.add(Timestamp.from(cutoff(now)));
        }
        EraseRule rule = mapping.erase();
        return switch (rule.strategy()) {
            case DELETE_ROW -> jdbc.update("delete from " + mapping.table() + where, args.toArray());
            case ANONYMISE_COLUMNS, NULL_COLUMNS -> overwrite(rule, where, args);
        };
    }

    /** Flags the subject's held rows as restricted (storage and security only). */
    int restrictHeld(long accountId, Instant now) {
        if (!hasRetention() || mapping.restrictedColumn() == null) {
            return 0;
        }
        return jdbc.update("update " + mapping.table() + " set " + mapping.restrictedColumn() + " = ? where "
                + mapping.subjectKey() + " = ? and " + heldCondition(), true, accountId, Timestamp.from(cutoff(now)));
    }

    private int overwrite(EraseRule rule, String where, List<Object> whereArgs) {
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (ColumnErasure column : rule.columns()) {
            String replacement = rule.strategy() == org.rightsflow.datamap.EraseStrategy.NULL_COLUMNS
                    ? null : column.replacement();
            if (replacement == null) {
                sets.add(column.column() + " = null");
            } else if (replacement.contains(ColumnErasure.ID_PLACEHOLDER)) {
                // per-row value (unique columns stay unique): prefix || id || suffix
                int at = replacement.indexOf(ColumnErasure.ID_PLACEHOLDER);
                sets.add(column.column() + " = ? || cast(" + mapping.idColumn() + " as varchar(20)) || ?");
                args.add(replacement.substring(0, at));
                args.add(replacement.substring(at + ColumnErasure.ID_PLACEHOLDER.length()));
            } else {
                sets.add(column.column() + " = ?");
                args.add(replacement);
            }
        }
        if (mapping.restrictedColumn() != null) {
            // what is left of the row is no longer personal data: nothing to restrict any more
            sets.add(mapping.restrictedColumn() + " = ?");
            args.add(false);
        }
        args.addAll(whereArgs);
        return jdbc.update("update " + mapping.table() + " set " + String.join(", ", sets) + where, args.toArray());
    }

    private String heldCondition() {
        return "(" + retention.countsFrom() + " is null or " + retention.countsFrom() + " > ?)";
    }

    private long count(String where, Object... args) {
        Long n = jdbc.queryForObject("select count(*) from " + mapping.table() + where, Long.class, args);
        return n == null ? 0 : n;
    }
}
