package org.rightsflow.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
}
