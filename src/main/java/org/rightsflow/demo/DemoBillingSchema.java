package org.rightsflow.demo;

import javax.sql.DataSource;
import org.rightsflow.datamap.ConnectionInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * The demo plays its billing system: before the data map checks the billing connection's schema, its tables are
 * created there ({@value DemoAccountsSeeder#BILLING_SCHEMA}, safe to run again). A billing database that is down
 * does not stop the start: its schema is then checked, and created by the seeder, later.
 */
@Component
@ConditionalOnProperty(name = "rightsflow.demo.enabled", havingValue = "true")
public class DemoBillingSchema implements ConnectionInitializer {

    private static final Logger log = LoggerFactory.getLogger(DemoBillingSchema.class);

    @Override
    public String connection() {
        return "billing";
    }

    @Override
    public void initialize(DataSource dataSource) {
        try {
            new ResourceDatabasePopulator(new ClassPathResource(DemoAccountsSeeder.BILLING_SCHEMA)).execute(dataSource);
        } catch (DataAccessResourceFailureException unreachable) {
            log.warn("The demo billing database cannot be reached at start-up; its tables are created later");
        }
    }
}
