package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A group's candidate links in task order, {@code (group_id_, type_, task_id_)}, in place of Camunda's index on the
 * group alone. Every Tasklist filter counts its tasks through {@code I.TYPE_ = 'candidate' and I.GROUP_ID_ IN (...)}:
 * with this index PostgreSQL reads the group's links from the index alone, already in task order, merges them with
 * the tasks' primary key and counts the distinct tasks without sorting or hashing 50,000 rows (with
 * {@code random_page_cost} 1.1, which {@code EngineQueryPlans} sets: BENCHMARKS.md, figure 5, runs J and K).
 * Camunda's {@code ACT_IDX_IDENT_LNK_GROUP} holds the new index's leading column, so it goes (docs/decisions.md,
 * "Engine indexes no one uses are dropped"): each link still writes one index entry for the group. Only where the
 * engine's tables exist ({@link EngineTables}); plain statements on unquoted names run on PostgreSQL and H2.
 */
public class V34__candidate_links_by_group_and_task extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!EngineTables.exist(connection, "act_ru_identitylink")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists rf_idx_ident_lnk_group_task"
                    + " on act_ru_identitylink (group_id_, type_, task_id_)");
        }
        EngineTables.dropIndexes(connection, "act_ru_identitylink", List.of("act_idx_ident_lnk_group"));
    }
}
