package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An index on the tasks' due date, which Camunda's schema lacks. Every staff filter lists its first page by due date,
 * and the overdue and due-soon filters select by it: at 50,000 open review tasks the officers' overdue filter took
 * half the time with it and their 'all open' list was the fastest of every lever tried (BENCHMARKS.md, figure 5,
 * runs G and H). Only where the engine's tables exist ({@link EngineTables}).
 */
public class V28__task_due_date_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!EngineTables.exist(connection, "act_ru_task")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists rf_idx_ru_task_due on act_ru_task (due_date_)");
        }
    }
}
