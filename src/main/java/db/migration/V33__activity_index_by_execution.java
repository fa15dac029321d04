package db.migration;

import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops {@code ACT_IDX_HI_ACT_INST_COMP} (execution_id_, act_id_, end_time_, id_), after V32 the largest index of the
 * activity history (1 KiB of a waiting request's 5: BENCHMARKS.md, figure 6). Only the history query's filter by
 * execution uses it: the product reads the path by process instance (act_idx_hi_act_inst_procinst), history cleanup by
 * removal time, the engine stamps removal times by root instance, Camunda 7.24's engine issues no activity-instance
 * query by execution of its own and Cockpit's community plugins read no activity history (docs/decisions.md, "Engine
 * indexes no one uses are dropped"). Only where the engine's tables exist ({@link EngineTables}).
 */
public class V33__activity_index_by_execution extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        EngineTables.dropIndexes(context.getConnection(), "act_hi_actinst", List.of("act_idx_hi_act_inst_comp"));
    }
}
