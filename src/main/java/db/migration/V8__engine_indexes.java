package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes Camunda's own schema lacks (docs/architecture.md performance notes, BENCHMARKS.md): without one on
 * {@code ACT_RU_TASK.PARENT_TASK_ID_} every task completion scans the task table, which shows with tens of thousands
 * of open review tasks.
 *
 * <p>A Java migration rather than SQL because it must only act where the engine's tables exist: on a database that
 * already has them (an existing installation) it adds the index; on a fresh database Flyway runs before the engine
 * creates its schema, and some tests migrate an empty database with our migrations alone, so there it skips rather
 * than failing the migration (BENCHMARKS.md, "Indexes"). Plain {@code create index if not exists} on unquoted names
 * runs on both PostgreSQL and H2.
 */
public class V8__engine_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!EngineTables.exist(connection, "act_ru_task")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists rf_idx_ru_task_parent on act_ru_task (parent_task_id_)");
        }
    }
}
