package org.rightsflow.support;

import org.rightsflow.datamap.DataMap;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real parts of {@link PostgresIntegrationTest} with every kind of system in the data map: beside the account
 * system and the billing system's own database, the paper archive (a {@code manual} system: a request with its
 * CONTRACTS has a part a data operator does by hand) and the demo CRM (an {@code external-task} system: a request with
 * SUPPORT waits for the CRM's worker, which the tests that want it start). A second shared context: every subclass
 * shares it (keep them few, CI pays its start).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AllSystemKindsIntegrationTest {

    /** The demo's manual system (datamap/demo/paper-archive.json). */
    public static final String PAPER_ARCHIVE = "classpath:datamap/demo/paper-archive.json";
    public static final String APPLICATION_DATABASE = "all_kinds";
    public static final String BILLING_DATABASE = "all_kinds_billing";
    /** The demo CRM (datamap/demo/crm.json), an external-task system. */
    public static final String CRM = "classpath:datamap/demo/crm.json";
    /** The CRM's own database (its worker creates its tables). */
    public static final String CRM_DATABASE = "all_kinds_crm";
    /** The engine's name: the engine REST API answers for it under /engine-rest/engine/allkinds. */
    public static final String ENGINE = "allkinds";
    /** The demo CRM worker's secret (application.yaml holds its SHA-256). */
    public static final String CRM_SECRET = "crm-worker-demo-secret";
    /** Credentials of a second system's worker, which has no task of its own: it tries the CRM's. */
    public static final String OTHER_SYSTEM = "helpdesk";
    public static final String OTHER_SECRET = "helpdesk-test-secret";
    /** Small, so that the test of the bound sends little. */
    public static final int MAX_UPLOAD_BYTES = 32 * 1024;

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        // databases of its own: two engines on one database would run each other's jobs
        registry.add("spring.datasource.url", () -> TestInfrastructure.databaseUrl(APPLICATION_DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        // An engine of its own name: engines register by name in one JVM, and a second "default" would answer the
        // engine REST API and the webapps of the other shared context.
        registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
        registry.add("rightsflow.datamap.locations",
                () -> String.join(",", DataMap.DEFAULT_LOCATIONS) + "," + PAPER_ARCHIVE + "," + CRM);
        registry.add("rightsflow.workers.secret-sha256." + OTHER_SYSTEM,
                () -> org.rightsflow.common.Hashing.sha256Hex(OTHER_SECRET));
        registry.add("rightsflow.workers.max-upload-size", () -> MAX_UPLOAD_BYTES + "B");
        registry.add("rightsflow.datamap.connections.billing.url",
                () -> TestInfrastructure.databaseUrl(BILLING_DATABASE));
        registry.add("rightsflow.datamap.connections.billing.username", () -> "postgres");
        registry.add("rightsflow.datamap.connections.billing.password", () -> "postgres");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().getSmtp().getPort());
        registry.add("rightsflow.demo.mail-sink.enabled", () -> "false");
        registry.add("rightsflow.demo.large-account-operation-logs", () -> "200");
        registry.add("rightsflow.notice.dispatch-interval", () -> "PT0.2S");
        // a calendar file of its own, which no test writes: this context polls its file every minute, and reading the
        // main context's would send its own staff notice of a file a calendar test is rejecting there (two mails)
        registry.add("rightsflow.deadline.calendar-file",
                () -> TestInfrastructure.calendarFile().resolveSibling("all-system-kinds-cn-holidays.txt").toString());
        registry.add("rightsflow.proactive-deletion.enabled", () -> "false");
        // its classes file many requests from one address within a minute, as the main context's do
        TestInfrastructure.raiseAbuseLimits(registry::add);
    }
}
