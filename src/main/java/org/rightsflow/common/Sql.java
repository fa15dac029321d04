package org.rightsflow.common;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Timestamp conversions that behave the same on H2 and PostgreSQL ("timestamp with time zone"), and which of the two
 * a connection talks to, for the few statements written for each.
 */
public final class Sql {

    private Sql() {
    }

    /** Whether the database behind {@code template} is PostgreSQL (otherwise: H2, one node). */
    public static boolean isPostgres(JdbcTemplate template) {
        String product = template.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgresql");
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Reads the rows of one of the result sets of statements sent together ({@link #executeTogether}). */
    @FunctionalInterface
    public interface ResultRows {
        /** @param resultSet which result set, from 0, in the order of the statements that return rows */
        void read(int resultSet, ResultSet rows) throws SQLException;
    }

    /**
     * PostgreSQL: executes a prepared statement that holds several statements separated by semicolons. The driver sends
     * them in one round trip; PostgreSQL runs them in order, each with a snapshot of its own (read committed), all in
     * the connection's transaction or, in autocommit, in one implicit transaction that commits after the last.
     *
     * @return the update counts, in the order of the statements that return none
     */
    public static List<Integer> executeTogether(PreparedStatement statement, ResultRows rows) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        int resultSets = 0;
        boolean resultSet = statement.execute();
        while (true) {
            if (resultSet) {
                try (ResultSet read = statement.getResultSet()) {
                    int index = resultSets++;
                    while (read.next()) {
                        rows.read(index, read);
                    }
                }
            } else {
                int count = statement.getUpdateCount();
                if (count == -1) {
                    return counts;
                }
                counts.add(count);
            }
            resultSet = statement.getMoreResults();
        }
    }
}
