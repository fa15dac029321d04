package org.rightsflow.process.setup;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine creates its schema before our Flyway migrations run, so that a migration can add what Camunda's own
 * scripts lack (indexes on ACT_* tables, DESIGN.md) on a fresh database as well as on an existing one. Without this,
 * Spring Boot runs Flyway first and such a migration finds no engine tables.
 */
@Configuration
public class EngineSchemaFirst {

    static final String FLYWAY = "flywayInitializer";
    static final String ENGINE = "processEngine";

    @Bean
    static BeanFactoryPostProcessor flywayAfterEngineSchema() {
        return beanFactory -> {
            if (beanFactory.containsBeanDefinition(FLYWAY) && beanFactory.containsBeanDefinition(ENGINE)) {
                var flyway = beanFactory.getBeanDefinition(FLYWAY);
                String[] existing = flyway.getDependsOn() == null ? new String[0] : flyway.getDependsOn();
                String[] dependsOn = java.util.Arrays.copyOf(existing, existing.length + 1);
                dependsOn[existing.length] = ENGINE;
                flyway.setDependsOn(dependsOn);
            }
        };
    }
}
