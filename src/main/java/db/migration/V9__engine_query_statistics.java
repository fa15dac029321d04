package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Statistics PostgreSQL needs to plan the engine's authorization checks (BENCHMARKS.md, figure 5).
 *
 * <p>With authorization on, Camunda grants each candidate group a permission on every task it creates, so with
 * 50,000 open review tasks {@code ACT_RU_AUTHORIZATION} holds 50,000 rows for the officers. Every Tasklist query
 * joins those rows through the condition {@code PERMS_ & 2 = 2}, whose selectivity PostgreSQL cannot estimate
 * without statistics on that expression: it guessed 250 rows instead of 50,000, chose a nested loop over all tasks
 * times all grants, and one count of the officers' filter ran for minutes. With statistics on the permission bits
 * the engine tests (READ, READ_TASK, READ_INSTANCE, READ_HISTORY) it probes the resource-id index instead: well
 * under a second. PostgreSQL 14 or later (statistics on expressions); elsewhere, and on H2, nothing to do.
 *
 * <p>It also creates V8's index where V8 was recorded without it (V8 ran before the engine had created its
 * tables until {@code EngineSchemaFirst} named the engine's bean correctly).
 */
public class V9__engine_query_statistics extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!EngineTables.exist(connection, "act_ru_task")) {
            return; // our migrations alone on an empty database (some tests)
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists rf_idx_ru_task_parent on act_ru_task (parent_task_id_)");
            DatabaseMetaData meta = connection.getMetaData();
            if (meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql")
                    && meta.getDatabaseMajorVersion() >= 14) {
                statement.execute("create statistics if not exists rf_stat_auth_perms on (perms_ & 2), (perms_ & 64),"
                        + " (perms_ & 512), (perms_ & 4096), resource_type_ from act_ru_authorization");
                statement.execute("analyze act_ru_authorization");
            }
        }
    }
}
