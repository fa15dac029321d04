package org.rightsflow.datamap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;

/**
 * The same migration, demo data, connector and directory on H2 in its own mode (the default
 * profile's database): the SQL is portable.
 */
class H2PortabilityTest {

    private static SeededAccountSystem system;

    @BeforeAll
    static void seed() {
        system = SeededAccountSystem.seed(TestDatabases.h2WithOnlyAccountSystem(), 2_500, 100);
    }

    @Test
    void theMigrationRunsAndMatchesTheDataMap() {
        JdbcTemplate jdbc = system.jdbc();
        assertThat(jdbc.queryForObject("select count(*) from information_schema.tables"
                + " where lower(table_name) like 'account%' and lower(table_schema) = 'public'", Integer.class))
                .isEqualTo(12);
        ((JdbcConnector) system.connectors().forSystem("account-system").orElseThrow()).verifySchema();
    }

    @Test
    void theConnectorCountsAndStreamsTheSameAsOnPostgres() {
        long liLei = system.accountId(LI_LEI);
        assertThat(system.connectors().counts(liLei)).isEqualTo(SeededAccountSystem.LI_LEI_TOTALS);
        List<Map<String, Object>> rows = new ArrayList<>();
        system.connectors().forSystem("account-system").orElseThrow()
                .forEachRow(DataCategory.OPERATION_LOGS, liLei, rows::add);
        assertThat(rows).hasSize(24);
        assertThat(rows.get(0).get("occurred_at")).isInstanceOf(Instant.class);
        assertThat(rows.get(0).get("id")).isInstanceOf(Long.class);
        Map<String, Object> profile = system.connectors().subjectRecord(liLei).orElseThrow();
        assertThat(profile.get("birth_date")).isEqualTo(LocalDate.of(1990, 5, 12));
        assertThat(profile.get("created_at")).isInstanceOf(Instant.class);
    }

    @Test
    void theDirectoryAndTheLargeAccountWork() {
        assertThat(system.directory().findByEmail(" XIAO.MING@example.com").orElseThrow().minor()).isTrue();
        assertThat(system.seeder().awaitLargeAccount(java.time.Duration.ofMinutes(1))).isEqualTo(2_500);
        assertThat(system.seeder().seedAccounts()).isEmpty();
    }
}
