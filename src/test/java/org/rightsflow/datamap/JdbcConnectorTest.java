package org.rightsflow.datamap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rightsflow.demo.DemoAccounts.CHEN_JIE;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;
import static org.rightsflow.demo.DemoAccounts.LI_LEI_PHONE;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG;

/** The built-in JDBC connector on PostgreSQL: counts, streams, and keeps subjects apart. */
class JdbcConnectorTest {

    private static SeededAccountSystem system;
    private static JdbcConnector connector;
    private static JdbcConnector billing;
    private static long liLei;

    @BeforeAll
    static void seed() {
        system = SeededAccountSystem.shared();
        connector = (JdbcConnector) system.connectors().forSystem("account-system").orElseThrow();
        billing = (JdbcConnector) system.connectors().forSystem("billing-system").orElseThrow();
        liLei = system.accountId(LI_LEI);
    }

    /** The connector of the system that maps the category (every category is mapped by one system here). */
    private static SystemConnector of(DataCategory category) {
        return system.connectors().forMapping(system.dataMap().mappings(category).get(0));
    }

    @Test
    void countsLiLeisRowsPerCategory() {
        for (DataCategory category : DataCategory.values()) {
            assertThat(of(category).count(category, liLei)).as(category.name())
                    .isEqualTo(SeededAccountSystem.LI_LEI_COUNTS.get(category))
                    .isEqualTo(independentCount(category, liLei));
        }
        assertThat(system.connectors().counts(liLei)).isEqualTo(SeededAccountSystem.LI_LEI_TOTALS);
    }

    @Test
    void streamsEveryRowOfEveryCategoryWithTheMappedColumnsInIdOrder() {
        for (DataCategory category : DataCategory.values()) {
            CategoryMapping mapping = system.dataMap().mappings(category).get(0).mapping();
            List<Map<String, Object>> rows = new ArrayList<>();
            of(category).forEachRow(category, liLei, rows::add);
            assertThat(rows).as(category.name()).hasSize(SeededAccountSystem.LI_LEI_COUNTS.get(category).intValue());
            long previousId = Long.MIN_VALUE;
            for (Map<String, Object> row : rows) {
                assertThat(new ArrayList<>(row.keySet())).as(category.name()).isEqualTo(mapping.columnNames());
                long id = (Long) row.get("id");
                assertThat(id).as(category.name()).isGreaterThan(previousId);
                previousId = id;
            }
        }
    }

    @Test
    void rowValuesArePlainJavaTypes() {
        List<Map<String, Object>> payments = new ArrayList<>();
        billing.forEachRow(DataCategory.PAYMENTS, liLei, payments::add);
        Map<String, Object> first = payments.get(0);
        assertThat(first.get("amount")).isEqualTo(new BigDecimal("500.00"));
        assertThat(first.get("paid_at")).isInstanceOf(Instant.class);
        assertThat(first.get("bank_account_full")).isEqualTo("6222000000000000001");

        List<Map<String, Object>> consents = new ArrayList<>();
        connector.forEachRow(DataCategory.CONSENTS, liLei, consents::add);
        assertThat(consents).extracting(r -> r.get("granted")).containsOnly(true, false);

        List<Map<String, Object>> realName = new ArrayList<>();
        connector.forEachRow(DataCategory.REAL_NAME, liLei, realName::add);
        assertThat(realName.get(0).get("full_name")).isEqualTo("李雷");
        assertThat((String) realName.get(0).get("id_number")).startsWith("000000").hasSize(18);
    }

    @Test
    void keepsSubjectsApartAndKnowsNothingOfUnknownOnes() {
        long wangFang = system.accountId(WANG_FANG);
        assertThat(billing.count(DataCategory.BILLING, wangFang)).isEqualTo(3);
        assertThat(connector.count(DataCategory.BILLING, wangFang)).as("not the account system's").isZero();
        assertThat(connector.count(DataCategory.CONTRACTS, wangFang)).isZero();
        List<Map<String, Object>> rows = new ArrayList<>();
        billing.forEachRow(DataCategory.BILLING, wangFang, rows::add);
        assertThat(rows).hasSize(3).extracting(r -> r.get("status")).contains("UNPAID");

        for (DataCategory category : DataCategory.values()) {
            assertThat(of(category).count(category, -1)).isZero();
            of(category).forEachRow(category, -1, row -> { throw new AssertionError("no rows expected"); });
        }
    }

    @Test
    void readsTheSubjectRecord() {
        Map<String, Object> record = connector.subjectRecord(liLei).orElseThrow();
        assertThat(record.keySet()).containsExactlyElementsOf(system.dataMap().subject().columnNames());
        assertThat(record.get("email")).isEqualTo(LI_LEI);
        assertThat(record.get("phone")).isEqualTo(LI_LEI_PHONE);
        assertThat(record.get("created_at")).isInstanceOf(Instant.class);
        assertThat(connector.subjectRecord(-1)).isEmpty();
    }

    @Test
    void streamsALongHistoryThroughAnOpenCursorInsideATransaction() {
        long chenJie = system.accountId(CHEN_JIE);
        assertThat(connector.count(DataCategory.OPERATION_LOGS, chenJie))
                .isEqualTo(SeededAccountSystem.LARGE_ACCOUNT_ROWS);
        assertThat(connector.fetchSize()).isEqualTo(100);

        JdbcTemplate observer = system.jdbc();
        AtomicReference<String> stateAtFirstRow = new AtomicReference<>();
        AtomicLong rows = new AtomicLong();
        AtomicLong previousId = new AtomicLong(Long.MIN_VALUE);
        connector.forEachRow(DataCategory.OPERATION_LOGS, chenJie, row -> {
            if (rows.getAndIncrement() == 0) {
                // seen from another session: the streaming query holds a suspended portal in an open
                // transaction ("idle in transaction"), i.e. PostgreSQL has not been asked for all rows
                stateAtFirstRow.set(observer.queryForObject("select state from pg_stat_activity"
                        + " where query like 'select id, action, ip, user_agent, occurred_at from account_operation_log%'"
                        + " and pid <> pg_backend_pid()", String.class));
            }
            long id = (Long) row.get("id");
            assertThat(id).isGreaterThan(previousId.get());
            previousId.set(id);
        });
        assertThat(rows.get()).isEqualTo(SeededAccountSystem.LARGE_ACCOUNT_ROWS);
        assertThat(stateAtFirstRow.get()).isEqualTo("idle in transaction");
    }

    @Test
    void aFailingVisitorStopsTheStreamAndTheConnectorStaysUsable() {
        long chenJie = system.accountId(CHEN_JIE);
        AtomicLong seen = new AtomicLong();
        assertThatThrownBy(() -> connector.forEachRow(DataCategory.OPERATION_LOGS, chenJie, row -> {
            if (seen.incrementAndGet() == 10) {
                throw new IllegalStateException("disk full");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(seen.get()).isEqualTo(10);
        assertThat(connector.count(DataCategory.OPERATION_LOGS, chenJie)).isEqualTo(SeededAccountSystem.LARGE_ACCOUNT_ROWS);
    }

    private static long independentCount(DataCategory category, long accountId) {
        String table = system.dataMap().mappings(category).get(0).mapping().table();
        return system.jdbc().queryForObject("select count(*) from " + table + " where account_id = ?",
                Long.class, accountId);
    }
}
