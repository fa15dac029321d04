package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The migrations that add to Camunda's schema act only where the engine's tables exist: the engine creates them
 * before Flyway runs ({@code EngineSchemaFirst}), but some tests migrate an empty database with our migrations alone.
 */
final class EngineTables {

    private EngineTables() {
    }

    /** Whether the table exists in the connection's schema (PostgreSQL folds names to lower case, H2 to upper). */
    static boolean exist(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = meta.getTables(null, schema, candidate, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Drops the engine's indexes where the engine's table exists ({@code if exists}: H2's schema, the demo's, names a
     * few of them differently).
     */
    static void dropIndexes(Connection connection, String table, List<String> indexes) throws SQLException {
        if (!exist(connection, table)) {
            return; // our migrations alone on an empty database (some tests)
        }
        try (Statement statement = connection.createStatement()) {
            for (String index : indexes) {
                statement.execute("drop index if exists " + index);
            }
        }
    }
}
