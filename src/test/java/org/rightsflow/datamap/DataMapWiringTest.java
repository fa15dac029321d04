package org.rightsflow.datamap;

import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.access.AccessReportWriter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;

/**
 * The beans wire as the application wires them (properties, Spring Boot's Thymeleaf engine,
 * optional connector beans), and a data map that does not match the database stops the start.
 */
class DataMapWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DataMapProperties.class)
    static class Properties {
    }

    private static ApplicationContextRunner runner(DataSource ds) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ThymeleafAutoConfiguration.class))
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(ds))
                // the billing system's connection: the same database here (its tables are in V2 and beside it)
                .withBean(DatabaseConnections.class, () -> new DatabaseConnections(java.util.Map.of("billing", ds)))
                .withUserConfiguration(Properties.class, DataMap.class, DataConnectors.class, AccountDirectory.class,
                        AccessReportWriter.class);
    }

    @Test
    void wiresTheDataMapTheConnectorsTheDirectoryAndTheReport() {
        SeededAccountSystem seeded = SeededAccountSystem.shared();
        runner(seeded.dataSource()).withPropertyValues("rightsflow.datamap.fetch-size=250").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DataMapProperties.class).locations()).containsExactly(DataMap.DEFAULT_LOCATIONS);
            DataConnectors connectors = context.getBean(DataConnectors.class);
            JdbcConnector jdbc = (JdbcConnector) connectors.forSystem("account-system").orElseThrow();
            assertThat(jdbc.fetchSize()).isEqualTo(250);
            long liLei = context.getBean(AccountDirectory.class).findByEmail(LI_LEI).orElseThrow().id();
            assertThat(connectors.counts(liLei)).isEqualTo(SeededAccountSystem.LI_LEI_TOTALS);
            String html = new String(context.getBean(AccessReportWriter.class)
                    .buildReport(liLei, "RR-20261129-0001", Locale.ENGLISH), StandardCharsets.UTF_8);
            assertThat(html).contains("Personal information access report", "data-count=\"24\"");
        });
    }

    @Test
    void aSystemWhoseOwnDatabaseIsDownAtStartDoesNotStopTheStartAndShowsInHealth() {
        DataSource accounts = TestDatabases.postgresWithOnlyAccountSystem();
        int closedPort = org.rightsflow.support.TestInfrastructure.freePort();
        new ApplicationContextRunner()
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(accounts))
                .withUserConfiguration(Properties.class, DataMap.class, DatabaseConnections.class, DataConnectors.class,
                        DataSystemsHealthIndicator.class)
                .withPropertyValues(
                        "rightsflow.datamap.connections.billing.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/billing",
                        "rightsflow.datamap.connections.billing.username=billing",
                        "rightsflow.datamap.connections.billing.password=secret-password",
                        "rightsflow.datamap.connections.billing.connection-timeout=500ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    org.springframework.boot.actuate.health.Health health =
                            context.getBean(DataSystemsHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(DataSystemsHealthIndicator.DEGRADED);
                    assertThat(health.getDetails()).containsEntry("billing-system", "DOWN");
                    assertThat(health.toString()).doesNotContain("secret-password").doesNotContain("jdbc:");
                    // its operations fail (a step retries them); the account system works
                    DataConnectors connectors = context.getBean(DataConnectors.class);
                    assertThatThrownBy(() -> connectors.connector("billing-system").count(DataCategory.BILLING, 1L))
                            .isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);
                    assertThat(connectors.connector("account-system").count(DataCategory.ACCOUNT, 1L)).isZero();
                });
    }

    @Test
    void aConnectionThatIsNotConfiguredStopsTheStartNamingTheVariable() {
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, DataMap.class, DatabaseConnections.class)
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(DataMapException.class)
                        .hasMessageContaining("system 'billing-system' names connection 'billing', which has no URL")
                        .hasMessageContaining("RIGHTSFLOW_DATAMAP_CONNECTIONS_BILLING_URL"));
    }

    @Test
    void aDatabaseWithoutTheAccountSystemStopsTheStartNamingWhatIsMissing() {
        DataSource empty = TestDatabases.postgresWithOnlyAccountSystem();
        new JdbcTemplate(empty).execute("drop table account_consent");
        runner(empty).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(DataMapException.class)
                    .hasMessageContaining("category CONSENTS: table 'account_consent' does not exist");
        });
    }

    @Test
    void aSystemWithoutItsConnectorStopsTheStart(@TempDir Path dir) throws IOException {
        Path helpdesk = Files.writeString(dir.resolve("helpdesk.json"), HELPDESK);
        String locations = "rightsflow.datamap.locations=" + String.join(",", DataMap.DEFAULT_LOCATIONS) + "," + helpdesk.toUri();
        DataSource ds = TestDatabases.postgresWithOnlyAccountSystem();
        runner(ds).withPropertyValues(locations)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("system 'helpdesk' needs a SystemConnector bean");
                });
        runner(ds).withPropertyValues(locations)
                .withBean(HelpdeskConnector.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DataConnectors connectors = context.getBean(DataConnectors.class);
                    assertThat(connectors.forSystem("helpdesk")).containsInstanceOf(HelpdeskConnector.class);
                    assertThat(connectors.dataMap().mappings(DataCategory.SUPPORT)).hasSize(2);
                    // SUPPORT is counted in both systems
                    assertThat(connectors.count(DataCategory.SUPPORT, 7)).isEqualTo(2);
                });
    }

    @Test
    void workerAndManualSystemsGetAConnectorThatRefusesLoudly(@TempDir Path dir) throws IOException {
        Path crm = Files.writeString(dir.resolve("crm.json"), HELPDESK.replace("\"helpdesk\"", "\"crm\"")
                .replace("helpdesk-api", "external-task"));
        Path archive = Files.writeString(dir.resolve("archive.json"), HELPDESK.replace("\"helpdesk\"", "\"archive\"")
                .replace("helpdesk-api", "manual"));
        String locations = "rightsflow.datamap.locations=" + String.join(",", DataMap.DEFAULT_LOCATIONS) + "," + crm.toUri() + ","
                + archive.toUri();
        runner(TestDatabases.postgresWithOnlyAccountSystem()).withPropertyValues(locations)
                .withBean(HelpdeskConnector.class, () -> new HelpdeskConnector() {
                    @Override
                    public String systemId() {
                        return "crm"; // an external-task system may not also have a bean of its own
                    }
                })
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("system 'crm' is declared \"external-task\": a connector bean cannot"));
        runner(TestDatabases.postgresWithOnlyAccountSystem()).withPropertyValues(locations).run(context -> {
            assertThat(context).hasNotFailed();
            DataConnectors connectors = context.getBean(DataConnectors.class);
            SystemConnector worker = connectors.connector("crm");
            SystemConnector person = connectors.connector("archive");
            assertThat(worker.execution()).isEqualTo(SystemConnector.Execution.WORKER);
            assertThat(person.execution()).isEqualTo(SystemConnector.Execution.PERSON);
            for (ConnectorOperation operation : ConnectorOperation.values()) {
                assertThat(worker.supports(operation)).isFalse();
                assertThat(person.supports(operation)).isFalse();
            }
            assertThat(connectors.connector("account-system").supports(ConnectorOperation.ERASE)).isTrue();
            // never a silent zero: a count across systems that includes the CRM fails, naming who does it
            assertThatThrownBy(() -> connectors.count(DataCategory.SUPPORT, 7))
                    .isInstanceOf(UnsupportedConnectorOperationException.class)
                    .hasMessageContaining("System 'crm' cannot COUNT").hasMessageContaining("its worker");
            assertThatThrownBy(() -> person.erase(DataCategory.SUPPORT, RowSelection.allOf(7)))
                    .hasMessageContaining("a data operator");
            // but the stronger verification is never skipped for want of a count
            assertThat(context.getBean(AccountDirectory.class).sensitiveCategoriesHeld(-1)).isEmpty();
        });
    }

    @Test
    void aConnectorBeanThatOnlyReadsDoesNotPretendToErase() {
        HelpdeskConnector helpdesk = new HelpdeskConnector();
        assertThat(helpdesk.supports(ConnectorOperation.READ)).isTrue();
        assertThat(helpdesk.supports(ConnectorOperation.ERASE)).isFalse();
        assertThatThrownBy(() -> helpdesk.erase(DataCategory.SUPPORT, RowSelection.allOf(7)))
                .isInstanceOf(UnsupportedConnectorOperationException.class)
                .hasMessageContaining("does not implement it: a data operator does it");
        assertThatThrownBy(() -> helpdesk.count(DataCategory.SUPPORT, RowSelection.withinRetention(7,
                java.time.Instant.now()))).isInstanceOf(UnsupportedConnectorOperationException.class);
        assertThat(helpdesk.count(DataCategory.SUPPORT, RowSelection.allOf(7))).isEqualTo(2);
    }

    /** A second system, a helpdesk behind an API: configuration plus a connector. */
    private static final String HELPDESK = """
            {
              "id": "helpdesk",
              "label": { "zh-CN": "客服系统", "en": "Helpdesk" },
              "connector": "helpdesk-api",
              "subject": null,
              "categories": [ {
                "category": "SUPPORT", "table": "tickets", "idColumn": "ticket", "subjectKey": "customer_id",
                "restrictedColumn": null, "sensitive": false,
                "label": { "zh-CN": "客服工单", "en": "Helpdesk tickets" },
                "description": { "zh-CN": "工单", "en": "Tickets" },
                "source": { "zh-CN": "您", "en": "You" },
                "purpose": { "zh-CN": "支持", "en": "Support" },
                "legalBasis": { "code": "CONTRACT", "label": { "zh-CN": "合同", "en": "Contract" } },
                "retention": null,
                "erase": { "strategy": "DELETE_ROW", "columns": [] },
                "thirdParties": [],
                "columns": [ { "name": "ticket", "label": { "zh-CN": "工单", "en": "Ticket" }, "sensitive": false } ]
              } ]
            }
            """;

    /** A non-JDBC system: the one interface to implement. */
    static class HelpdeskConnector implements SystemConnector {
        @Override
        public String systemId() {
            return "helpdesk";
        }

        @Override
        public long count(DataCategory category, long subjectId) {
            return category == DataCategory.SUPPORT ? 2 : 0;
        }

        @Override
        public void forEachRow(DataCategory category, long subjectId,
                               java.util.function.Consumer<Map<String, Object>> visitor) {
            if (category == DataCategory.SUPPORT) {
                visitor.accept(Map.of("ticket", "HD-1"));
                visitor.accept(Map.of("ticket", "HD-2"));
            }
        }
    }
}
