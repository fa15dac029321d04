package org.rightsflow.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.rightsflow.datamap.DataMap;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring Boot tests: the whole application with its job executor, on embedded PostgreSQL (the same
 * Flyway migrations and Camunda schema as production; the billing system in a second database of the same server),
 * sending mail over SMTP to GreenMail. Every subclass shares one application context. Metrics are exported as in
 * production (a Spring Boot test turns that off by default), so {@code /actuator/prometheus} is there to test.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PostgresIntegrationTest {

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgres().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // the demo's systems without its paper archive: a data operator's task in every request would stop the tests
        registry.add("rightsflow.datamap.locations", () -> String.join(",", DataMap.DEFAULT_LOCATIONS));
        registry.add("rightsflow.datamap.connections.billing.url", TestInfrastructure::billingDatabaseUrl);
        registry.add("rightsflow.datamap.connections.billing.username", () -> "postgres");
        registry.add("rightsflow.datamap.connections.billing.password", () -> "postgres");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().getSmtp().getPort());
        registry.add("rightsflow.demo.mail-sink.enabled", () -> "false");
        registry.add("rightsflow.demo.large-account-operation-logs", () -> "2000");
        registry.add("rightsflow.notice.dispatch-interval", () -> "PT0.2S");
        registry.add("rightsflow.deadline.calendar-file", () -> TestInfrastructure.calendarFile().toString());
        // a nightly sweep firing mid-suite would erase the shared demo data other tests read; tests start runs
        registry.add("rightsflow.proactive-deletion.enabled", () -> "false");
        TestInfrastructure.raiseAbuseLimits(registry::add);
    }
}
