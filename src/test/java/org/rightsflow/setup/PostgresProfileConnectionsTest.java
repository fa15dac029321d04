package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The postgres profile's pool sets PostgreSQL's work_mem on each of the application's connections (the staff
 * filters' counts sort in memory): the statement it configures is valid on PostgreSQL and takes effect on every
 * connection the pool opens, and DB_WORK_MEM's default is the documented 32 MB.
 */
class PostgresProfileConnectionsTest {

    @Test
    void everyConnectionOfThePoolGetsTheConfiguredWorkMem() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-postgres.yaml"));
        Properties profile = yaml.getObject();
        String initSql = profile.getProperty("spring.datasource.hikari.connection-init-sql");
        assertThat(initSql).as("the profile's pool setting").contains("${DB_WORK_MEM:32MB}");

        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(TestInfrastructure.postgres().getJdbcUrl("postgres", "postgres"));
            pool.setUsername("postgres");
            pool.setPassword("postgres");
            pool.setMaximumPoolSize(2);
            // the placeholder resolved to its default, as Spring does without DB_WORK_MEM
            pool.setConnectionInitSql(initSql.replace("${DB_WORK_MEM:32MB}", "32MB"));
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            assertThat(jdbc.queryForObject("show work_mem", String.class)).isEqualTo("32MB");
            pool.getHikariPoolMXBean().softEvictConnections();
            assertThat(jdbc.queryForObject("show work_mem", String.class)).as("a new connection too").isEqualTo("32MB");
        }
    }
}
