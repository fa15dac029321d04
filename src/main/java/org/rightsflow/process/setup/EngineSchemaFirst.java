package org.rightsflow.process.setup;

import java.util.Arrays;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine creates its schema before our Flyway migrations run, so that a migration can add what Camunda's own
 * scripts lack (indexes on ACT_* tables, docs/architecture.md) on a fresh database as well as on an existing one. Without this,
 * Spring Boot runs Flyway first and such a migration finds no engine tables.
 *
 * <p>The Camunda starter names its engine bean {@code processEngineFactoryBean} (a factory bean: depending on it
 * builds the engine, schema included). An earlier version looked for {@code processEngine}, found nothing and
 * silently did nothing: the benchmark showed the index missing. So a missing bean now fails the start-up.
 */
@Configuration
public class EngineSchemaFirst {

    static final String FLYWAY = "flywayInitializer";
    static final String ENGINE = "processEngineFactoryBean";

    @Bean
    static BeanFactoryPostProcessor flywayAfterEngineSchema() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition(FLYWAY)) {
                return; // Flyway switched off: nothing to order
            }
            if (!beanFactory.containsBeanDefinition(ENGINE)) {
                throw new IllegalStateException("No bean '" + ENGINE + "': cannot run the Flyway migrations after the "
                        + "engine has created its schema (see EngineSchemaFirst)");
            }
            var flyway = beanFactory.getBeanDefinition(FLYWAY);
            String[] existing = flyway.getDependsOn() == null ? new String[0] : flyway.getDependsOn();
            String[] dependsOn = Arrays.copyOf(existing, existing.length + 1);
            dependsOn[existing.length] = ENGINE;
            flyway.setDependsOn(dependsOn);
        };
    }
}
