package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rightsflow.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On a fresh database the engine creates its schema first and our migrations then add the indexes Camunda's scripts
 * lack (V8, V9, V28): with tens of thousands of open tasks, each task completion would otherwise scan the task table,
 * and the authorization checks of Tasklist's queries would be planned from a guess (BENCHMARKS.md, figure 5).
 */
class EngineIndexesTest extends PostgresIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

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
    void authorizationChecksArePlannedWithStatisticsOnThePermissionBitsAndTheActualParameters() {
        assertThat(jdbc.queryForList("select stxname from pg_statistic_ext where stxname = 'rf_stat_auth_perms'",
                String.class)).hasSize(1);
        assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
    }
}
