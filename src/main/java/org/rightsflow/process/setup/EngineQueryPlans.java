package org.rightsflow.process.setup;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, every connection plans each statement with its actual parameters
 * ({@code plan_cache_mode = force_custom_plan}). The engine's authorization checks filter on
 * {@code PERMS_ & ? = ?}: a cached generic plan cannot use the statistics on those bits (Flyway V9) and falls back to
 * a guess that made one Tasklist count run for minutes with 50,000 open tasks (BENCHMARKS.md, figure 5). Planning
 * each time costs a fraction of a millisecond.
 *
 * <p>It also prices a random page read like a sequential one ({@code random_page_cost = 1.1}, PostgreSQL's default 4
 * being for spinning disks; the engine's working set is in memory): then a filter's count reads the group's candidate
 * links from their index in task order and merges them with the tasks (Flyway V34) instead of hashing and sorting
 * every task, which took the officers' count over 50,000 tasks from 127–192 to 102–127 ms (BENCHMARKS.md, figure 5,
 * runs J to L). A pool configured with its own init SQL is left alone.
 */
@Component
public class EngineQueryPlans implements BeanPostProcessor {

    static final String INIT_SQL = "set plan_cache_mode = force_custom_plan; set random_page_cost = 1.1";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(INIT_SQL);
        }
        return bean;
    }
}
