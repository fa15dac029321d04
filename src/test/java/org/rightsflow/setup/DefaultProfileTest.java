package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default profile as `mvn spring-boot:run` starts it: H2 in a file, demo accounts and staff, and the embedded
 * mail sink whose messages the demo mailbox page lists. Only the data directory and the HTTP port differ (the mail
 * sink chooses its own free port, as it does for a user).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultProfileTest {

    /**
     * Engines register by name in one JVM (Camunda's ProcessEngines), and the engine REST API answers with the one named
     * "default". This context's engine takes that name over from the suite's main context while it runs (it is the
     * default profile, name included); afterwards the main context's engine gets it back, or every later test class
     * would reach this context's H2 database through /engine-rest.
     */
    private static org.camunda.bpm.engine.ProcessEngine suitesDefaultEngine;

    @org.junit.jupiter.api.BeforeAll
    static void rememberTheSuitesDefaultEngine() {
        suitesDefaultEngine = org.camunda.bpm.engine.ProcessEngines.getProcessEngines().get("default");
    }

    @org.junit.jupiter.api.AfterAll
    static void giveTheDefaultNameBack() {
        if (suitesDefaultEngine != null) {
            org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(suitesDefaultEngine);
        }
    }

    @DynamicPropertySource
    static void privateDataDirectory(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("rightsflow-demo-data");
        registry.add("rightsflow.data-dir", dir::toString);
        registry.add("rightsflow.demo.large-account-operation-logs", () -> "500");
    }

    static String defaultDatasourceUrl() throws java.io.IOException {
        try (var in = DefaultProfileTest.class.getResourceAsStream("/application.yaml")) {
            java.util.Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(in);
            @SuppressWarnings("unchecked")
            var spring = (java.util.Map<String, java.util.Map<String, Object>>) yaml.get("spring");
            return (String) spring.get("datasource").get("url");
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    RepositoryService repository;

    @Test
    void theDefaultProfileRunsOnH2WithDemoDataAndTheDemoMailbox() {
        assertThat(jdbc.queryForObject("select database_path() is not null", Boolean.class)).as("H2 in a file").isTrue();
        assertThat(jdbc.queryForList("select email from account order by email", String.class))
                .contains("li.lei@example.com", "wang.fang@example.com", "zhao.qiang@example.com",
                        "xiao.ming@example.com", "chen.jie@example.com");
        for (String user : new String[] {"intake", "officer", "officer2", "legal", "operator", "auditor", "admin"}) {
            assertThat(identity.checkPassword(user, user)).as(user).isTrue();
        }
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("RightsRequestProcess").count()).isEqualTo(1);
        assertThat(repository.createDeploymentQuery().count()).isGreaterThanOrEqualTo(1);

        Api api = new Api(port);
        Api.Response filed = api.post("/api/requests",
                Api.json(Map.of("type", "ACCESS", "accountEmail", "li.lei@example.com", "language", "zh-CN")));
        assertThat(filed.status()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/demo/mailbox").text().contains(reference));
        String mailbox = api.get("/demo/mailbox").text();
        assertThat(mailbox).contains("li.lei@example.com").contains("验证码");

        assertThat(api.get("/privacy").text()).contains("隐私中心");
        assertThat(api.get("/privacy?lang=en").text()).contains("Privacy Center");
        Api.Response tasklist = api.get("/camunda/app/tasklist/default/");
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.text()).contains("Tasklist");
        Api.Response unauthenticated = api.get("/engine-rest/task");
        assertThat(unauthenticated.status()).as("the engine REST API requires authentication").isEqualTo(401);

        // the demo mailbox answers this machine only: a client behind a (trusted) proxy is another machine
        assertThat(api.get("/demo/mailbox", "X-Forwarded-For", "198.51.100.20").status()).isEqualTo(403);
        // the mail sink does not log the recipients it opens mailboxes for
        assertThat(org.slf4j.LoggerFactory.getLogger("com.icegreen.greenmail.user.UserManager").isInfoEnabled()).isFalse();
    }

    @Test
    void everyAnsweredCommitIsOnDiskBeforeTheAnswerLeaves() throws Exception {
        assertThat(defaultDatasourceUrl()).as("H2 writes each commit at once").contains("WRITE_DELAY=0");
        assertThat(jdbc.queryForList("select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'",
                String.class)).isNotEmpty().containsOnly("0");
        assertThat(context.getBeansOfType(org.rightsflow.web.H2CommitsBeforeAnswering.class))
                .as("answers to writes wait for H2's checkpoint").hasSize(1);
    }
}
