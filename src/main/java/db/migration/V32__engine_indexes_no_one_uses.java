package db.migration;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops indexes of Camunda's schema that no query of the product, of the engine on its behalf or of history cleanup
 * needs, because every request in flight pays for each of them in every row it writes (BENCHMARKS.md, figure 6,
 * issue 21). Each one is safe for a reason of its own (docs/decisions.md, "Engine indexes no one uses"):
 * <ul>
 *   <li>{@link #REDUNDANT}: its columns are the leading columns of another index of the same table, which serves every
 *       query it could;</li>
 *   <li>{@link #TENANT}: Rightsflow has no tenants, so the column is null in every row: a condition on it selects all
 *       rows or none, which no index helps with;</li>
 *   <li>{@link #CASE}: Rightsflow deploys no CMMN case, so the case columns of the history are null in every row;</li>
 *   <li>{@link #COVERED}: the one query that needs it, the historic activity statistics of a process definition
 *       (Cockpit's heat map; the product never asks), still finds its rows through another index on the columns of
 *       its condition. It was the largest index of the activity history.</li>
 * </ul>
 * Indexes that back a foreign key, the removal time (history cleanup), the root process instance (the removal time's
 * propagation) and the process instance (every product read) all stay. Only where the engine's tables exist
 * ({@link EngineTables}); {@code if exists} because H2's schema (the demo) names a few of them differently.
 */
public class V32__engine_indexes_no_one_uses extends BaseJavaMigration {

    static final List<String> REDUNDANT = List.of(
            "act_idx_hi_varinst_name",          // (name_) of act_idx_hi_procvar_name_type (name_, var_type_)
            "act_idx_hi_procvar_proc_inst",     // (proc_inst_id_) of act_idx_hi_var_pi_name_type (proc_inst_id_, ...)
            "act_idx_hi_detail_bytear",         // (bytearray_id_) of act_idx_hi_detail_task_bytear (bytearray_id_, task_id_)
            "act_idx_variable_task_id",         // (task_id_) of act_idx_variable_task_name_type (task_id_, name_, type_)
            "act_idx_job_handler_type");        // (handler_type_) of act_idx_job_handler (handler_type_, handler_cfg_)

    static final List<String> TENANT = List.of(
            "act_idx_hi_pro_inst_tenant_id", "act_idx_hi_act_inst_tenant_id", "act_idx_hi_var_inst_tenant_id",
            "act_idx_hi_task_inst_tenant_id", "act_idx_hi_detail_tenant_id", "act_idx_hi_ident_lnk_tenant_id",
            "act_idx_exec_tenant_id", "act_idx_event_subscr_tenant_id", "act_idx_variable_tenant_id",
            "act_idx_job_tenant_id");

    static final List<String> CASE = List.of(
            "act_idx_hi_detail_case_inst", "act_idx_hi_detail_case_exec", "act_idx_hi_casevar_case_inst");

    static final List<String> COVERED = List.of(
            // (proc_def_id_, proc_inst_id_, act_id_, end_time_, act_inst_state_): the statistics select by
            // proc_def_id_ and end_time_, which act_idx_hi_ai_pdefid_end_time (proc_def_id_, end_time_) serves
            "act_idx_hi_act_inst_stats");

    @Override
    public void migrate(Context context) throws SQLException {
        EngineTables.dropIndexes(context.getConnection(), "act_hi_actinst",
                Stream.of(REDUNDANT, TENANT, CASE, COVERED).flatMap(List::stream).toList());
    }
}
