package org.rightsflow.support;

import org.rightsflow.datamap.DataMap;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real parts of {@link PostgresIntegrationTest} with an {@code external-task} system in the data map: beside the
 * account system and the billing system's own database, the demo CRM (datamap/demo/crm.json), whose steps wait for its
 * worker. A shared context of its own (databases and engine name of its own); keep its subclasses few.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WorkerSystemIntegrationTest {

    public static final String CRM = "classpath:datamap/demo/crm.json";
    public static final String APPLICATION_DATABASE = "with_worker";
    public static final String BILLING_DATABASE = "with_worker_billing";
    /** The CRM's own database (its worker creates its tables). */
    public static final String CRM_DATABASE = "with_worker_crm";
    /** The demo CRM worker's secret (application.yaml holds its SHA-256). */
    public static final String CRM_SECRET = "crm-worker-demo-secret";
    /** Credentials of a second system's worker, which has no task of its own: it tries the CRM's. */
    public static final String OTHER_SYSTEM = "helpdesk";
    public static final String OTHER_SECRET = "helpdesk-test-secret";
    /** The engine's name: the engine REST API answers for it under /engine-rest/engine/withworker. */
    public static final String ENGINE = "withworker";
    /** Small, so that the test of the bound sends little. */
    public static final int MAX_UPLOAD_BYTES = 32 * 1024;

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.databaseUrl(APPLICATION_DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // an engine of its own name (see AllSystemKindsIntegrationTest)
        registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
        registry.add("rightsflow.datamap.locations", () -> String.join(",", DataMap.DEFAULT_LOCATIONS) + "," + CRM);
        registry.add("rightsflow.datamap.connections.billing.url",
                () -> TestInfrastructure.databaseUrl(BILLING_DATABASE));
        registry.add("rightsflow.datamap.connections.billing.username", () -> "postgres");
        registry.add("rightsflow.datamap.connections.billing.password", () -> "postgres");
        registry.add("rightsflow.workers.secret-sha256." + OTHER_SYSTEM,
                () -> org.rightsflow.common.Hashing.sha256Hex(OTHER_SECRET));
        registry.add("rightsflow.workers.max-upload-size", () -> MAX_UPLOAD_BYTES + "B");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().getSmtp().getPort());
        registry.add("rightsflow.demo.mail-sink.enabled", () -> "false");
        registry.add("rightsflow.demo.large-account-operation-logs", () -> "200");
        registry.add("rightsflow.notice.dispatch-interval", () -> "PT0.2S");
        registry.add("rightsflow.deadline.calendar-file", () -> TestInfrastructure.calendarFile().toString());
        registry.add("rightsflow.proactive-deletion.enabled", () -> "false");
        TestInfrastructure.raiseAbuseLimits(registry::add);
    }
}
