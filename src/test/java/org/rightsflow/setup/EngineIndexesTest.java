package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On a fresh database the engine creates its schema first and our migrations then add the indexes Camunda's scripts
 * lack (V8, V9, V28): with tens of thousands of open tasks, each task completion would otherwise scan the task table,
 * and the authorization checks of Tasklist's queries would be planned from a guess (BENCHMARKS.md, figure 5). V32
 * drops those of Camunda's indexes no query can use (redundant, tenant and case columns, one covered by another).
 */
class EngineIndexesTest extends PostgresIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProcessEngine engine;

    @Test
    void aFreshDatabaseGetsTheIndexOnTheParentTaskColumn() {
        assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'act_ru_task'", String.class))
                .anySatisfy(index -> assertThat(index).contains("(parent_task_id_)"));
        assertThat(jdbc.queryForObject("select success from flyway_schema_history where version = '8'", Boolean.class))
                .isTrue();
    }

    @Test
    void aFreshDatabaseGetsTheIndexOnTheTasksDueDate() {
        // every staff filter lists its first page by due date; the overdue and due-soon filters select by it
        assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'act_ru_task'", String.class))
                .anySatisfy(index -> assertThat(index).contains("rf_idx_ru_task_due").contains("(due_date_)"));
    }

    @Test
    void indexesNoQueryCanUseAreDroppedAndThoseTheProductAndHistoryCleanupNeedStay() {
        // V32: every row a request in flight writes pays for each index (BENCHMARKS.md, figure 6)
        List<String> names = jdbc.queryForList("select indexname from pg_indexes where tablename like 'act\\_%'",
                String.class);
        assertThat(names).doesNotContain("act_idx_hi_act_inst_tenant_id", "act_idx_hi_var_inst_tenant_id",
                "act_idx_exec_tenant_id", "act_idx_job_tenant_id", "act_idx_hi_varinst_name",
                "act_idx_hi_procvar_proc_inst", "act_idx_hi_casevar_case_inst", "act_idx_job_handler_type",
                "act_idx_hi_act_inst_stats", "act_idx_hi_act_inst_comp");
        // the wider index that serves each dropped redundant one, history cleanup's removal time, the removal time's
        // propagation from the root instance, and the product's reads by process instance
        assertThat(names).contains("act_idx_hi_procvar_name_type", "act_idx_hi_var_pi_name_type", "act_idx_job_handler",
                "act_idx_hi_act_inst_rm_time", "act_idx_hi_varinst_rm_time", "act_idx_hi_actinst_root_pi",
                "act_idx_hi_act_inst_procinst", "act_idx_hi_pro_i_buskey", "act_idx_hi_ai_pdefid_end_time");
        assertThat(jdbc.queryForList("select success from flyway_schema_history where version in ('32', '33')",
                Boolean.class)).containsExactly(true, true);
    }

    @Test
    void authorizationChecksArePlannedWithStatisticsOnThePermissionBitsAndTheActualParameters() {
        assertThat(jdbc.queryForList("select stxname from pg_statistic_ext where stxname = 'rf_stat_auth_perms'",
                String.class)).hasSize(1);
        assertThat(jdbc.queryForObject("show random_page_cost", String.class)).isEqualTo("1.1");
        // outside a signed-in user's command, PostgreSQL's default: generic plans where they are no worse
        assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("auto");
    }

    @Test
    void aSignedInUsersCommandsPlanEachStatementWithItsParametersForTheirTransactionOnly() {
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        Command<String> planCacheMode = context -> {
            try (var statement = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
                 var result = statement.executeQuery("show plan_cache_mode")) {
                result.next();
                return result.getString(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(commands.execute(planCacheMode)).as("a command of no one (a filing, a job)").isEqualTo("auto");
        engine.getIdentityService().setAuthentication("demo-officer", List.of("privacy-officers"));
        try {
            assertThat(commands.execute(planCacheMode)).as("a signed-in user's command").isEqualTo("force_custom_plan");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        // SET LOCAL ends with the command's transaction: the pooled connection goes back as it came
        for (int i = 0; i < 12; i++) {
            assertThat(commands.execute(planCacheMode)).isEqualTo("auto");
        }
    }

    @Test
    void aGroupsCandidateLinksAreIndexedInTaskOrderInPlaceOfTheIndexOnTheGroupAlone() {
        // V34: every filter's count reads the group's links in task order (BENCHMARKS.md, figure 5, runs J and K)
        assertThat(jdbc.queryForList("select indexdef from pg_indexes where tablename = 'act_ru_identitylink'",
                String.class))
                .anySatisfy(index -> assertThat(index).contains("rf_idx_ident_lnk_group_task")
                        .contains("(group_id_, type_, task_id_)"))
                .noneSatisfy(index -> assertThat(index).containsIgnoringCase("act_idx_ident_lnk_group "));
    }
}
