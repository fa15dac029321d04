package org.rightsflow.process.setup;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, every connection of the application's pool prices a random page read almost like a sequential one.
 * (A signed-in user's commands also plan each statement with its actual parameters: {@link SignedInQueryPlans}.)
 *
 * <p>It prices a random page read like a sequential one ({@code random_page_cost = 1.1}, PostgreSQL's default 4
 * being for spinning disks; the engine's working set is in memory): then a filter's count reads the group's candidate
 * links from their index in task order and merges them with the tasks (Flyway V34) instead of hashing and sorting
 * every task, which took the officers' count over 50,000 tasks from 127–192 to 102–127 ms (BENCHMARKS.md, figure 5,
 * runs J to L). A pool configured with its own init SQL is left alone.
 */
@Component
public class EngineQueryPlans implements BeanPostProcessor {

    static final String INIT_SQL = "set random_page_cost = 1.1";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(INIT_SQL);
        }
        return bean;
    }
}
