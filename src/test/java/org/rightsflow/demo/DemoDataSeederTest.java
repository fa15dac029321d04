package org.rightsflow.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.DataMapProperties;
import org.rightsflow.datamap.TestDatabases;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.demo.DemoAccounts.ALL;
import static org.rightsflow.demo.DemoAccounts.CHEN_JIE;
import static org.rightsflow.demo.DemoAccounts.CHEN_JIE_PHONE;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;
import static org.rightsflow.demo.DemoAccounts.LI_LEI_PHONE;
import static org.rightsflow.demo.DemoAccounts.SUN_LAN;
import static org.rightsflow.demo.DemoAccounts.SUN_LAN_PHONE;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG_PHONE;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_EMAIL;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_PHONE;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_PHONE;
import static org.rightsflow.demo.DemoAccounts.ZHAO_QIANG;
import static org.rightsflow.demo.DemoAccounts.ZHAO_QIANG_PHONE;

/** The demo accounts of docs/operations.md (demo data): their facts, and seeding that can run any number of times. */
class DemoDataSeederTest {

    private static final List<String> TABLES = List.of("account", "account_login", "account_real_name",
            "account_security", "account_payment", "account_bill", "account_invoice", "account_operation_log",
            "account_contract", "account_support_ticket", "account_consent", "account_resource");

    private static JdbcTemplate jdbc;
    private static DemoAccountsSeeder seeder;
    private static AccountDirectory directory;
    private static DataConnectors connectors;

    @BeforeAll
    static void seed() {
        DataSource ds = TestDatabases.freshPostgres();
        jdbc = new JdbcTemplate(ds);
        seeder = new DemoAccountsSeeder(jdbc, 5_000, Clock.systemUTC());
        assertThat(seeder.seedAccounts()).containsExactlyElementsOf(ALL);
        assertThat(seeder.awaitLargeAccount(Duration.ofMinutes(2))).isEqualTo(5_000);
        connectors = new DataConnectors(DataMap.load(DataMap.DEFAULT_LOCATIONS), jdbc, DataMapProperties.defaults());
        directory = new AccountDirectory(jdbc, connectors, Clock.systemUTC());
    }

    @Test
    void createsExactlyTheSpecAccountsWithTheirPhones() {
        Map<String, String> phones = new LinkedHashMap<>();
        jdbc.query("select email, phone from account order by id", rs -> {
            phones.put(rs.getString(1), rs.getString(2));
        });
        assertThat(phones).containsExactly(
                Map.entry(LI_LEI, LI_LEI_PHONE), Map.entry(WANG_FANG, WANG_FANG_PHONE),
                Map.entry(ZHAO_QIANG, ZHAO_QIANG_PHONE), Map.entry(XIAO_MING, XIAO_MING_PHONE),
                Map.entry(CHEN_JIE, CHEN_JIE_PHONE), Map.entry(SUN_LAN, SUN_LAN_PHONE));
    }

    @Test
    void sunLanIsDeceasedWithoutAnInstructionOfHerOwn() {
        AccountFacts sunLan = directory.findByEmail(SUN_LAN).orElseThrow();
        assertThat(sunLan.deceased()).isTrue();
        assertThat(sunLan.deceasedInstruction()).isFalse();
        assertThat(connectors.count(DataCategory.ACCOUNT, sunLan.id())).isPositive();
        for (String living : List.of(LI_LEI, WANG_FANG, ZHAO_QIANG, XIAO_MING, CHEN_JIE)) {
            assertThat(directory.findByEmail(living).orElseThrow().deceased()).as(living).isFalse();
        }
    }

    @Test
    void liLeiHasDataInEveryCategoryPaymentsWithinRetentionAndWithdrawableConsents() {
        AccountFacts liLei = directory.findByEmail(LI_LEI).orElseThrow();
        assertThat(liLei.minor()).isFalse();
        for (DataCategory category : DataCategory.values()) {
            assertThat(connectors.count(category, liLei.id())).as(category.name()).isPositive();
        }
        OffsetDateTime threeYearsAgo = OffsetDateTime.now().minusYears(3);
        assertThat(count("select count(*) from account_payment where account_id = ? and paid_at > ?",
                liLei.id(), threeYearsAgo)).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from account_consent where account_id = ? and granted = true"
                + " and purpose in ('MARKETING', 'PERSONALISED_RECOMMENDATIONS')", liLei.id())).isEqualTo(2);
        // nothing blocks a cancellation
        assertThat(count("select count(*) from account_bill where account_id = ? and status = 'UNPAID'", liLei.id()))
                .isZero();
        assertThat(count("select count(*) from account_invoice where account_id = ? and status = 'OPEN'", liLei.id()))
                .isZero();
        assertThat(count("select count(*) from account_resource where account_id = ? and status = 'ACTIVE'",
                liLei.id())).isZero();
    }

    @Test
    void demoDataStaysInsideItsRetentionPeriodsExceptTheRowsSeededToShowTheSweep() {
        java.time.Instant now = java.time.Instant.now();
        Map<String, Map<DataCategory, Long>> past = new LinkedHashMap<>();
        for (String email : ALL) {
            long id = directory.findByEmail(email).orElseThrow().id();
            Map<DataCategory, Long> counts = new java.util.EnumMap<>(DataCategory.class);
            for (org.rightsflow.datamap.MappedCategory mapping : connectors.dataMap().mappings()) {
                if (mapping.mapping().retention() != null) {
                    long n = connectors.forMapping(mapping).count(mapping.category(),
                            org.rightsflow.datamap.RowSelection.pastRetention(id, now));
                    if (n > 0) {
                        counts.put(mapping.category(), n);
                    }
                }
            }
            past.put(email, counts);
        }
        assertThat(past).containsEntry(LI_LEI, Map.of(DataCategory.PAYMENTS, 1L, DataCategory.BILLING, 1L,
                DataCategory.INVOICES, 1L, DataCategory.OPERATION_LOGS, 2L));
        for (String other : List.of(WANG_FANG, ZHAO_QIANG, XIAO_MING, CHEN_JIE, SUN_LAN)) {
            assertThat(past.get(other)).as(other).isEmpty();
        }
        // wang.fang withdrew her consent to face recognition: her face data is what the sweep empties
        long wangFang = directory.findByEmail(WANG_FANG).orElseThrow().id();
        assertThat(count("select count(*) from account_consent where account_id = ? and purpose = 'FACE_RECOGNITION'"
                + " and granted = false", wangFang)).isEqualTo(1);
        assertThat(count("select count(*) from account_real_name where account_id = ? and face_data_ref is not null",
                wangFang)).isEqualTo(1);
        assertThat(count("select count(*) from account_consent c join account_real_name r on r.account_id ="
                + " c.account_id where c.purpose = 'FACE_RECOGNITION' and c.granted = false and r.face_data_ref"
                + " is not null")).as("nobody else").isEqualTo(1);
    }

    @Test
    void wangFangHasAnUnpaidBillAndActiveResources() {
        long wangFang = directory.findByEmail(WANG_FANG).orElseThrow().id();
        assertThat(count("select count(*) from account_bill where account_id = ? and status = 'UNPAID'", wangFang))
                .isEqualTo(1);
        assertThat(count("select count(*) from account_resource where account_id = ? and status = 'ACTIVE'",
                wangFang)).isEqualTo(2);
    }

    @Test
    void billingRowsGoToTheBillingSystemsOwnDatabaseOnce() {
        JdbcTemplate accounts = new JdbcTemplate(TestDatabases.freshPostgres());
        JdbcTemplate billing = new JdbcTemplate(TestDatabases.emptyPostgres());
        DemoAccountsSeeder twoDatabases = new DemoAccountsSeeder(accounts, billing, 0, Clock.systemUTC());
        assertThat(twoDatabases.seedAccounts()).containsExactlyElementsOf(ALL);
        long liLei = accounts.queryForObject("select id from account where email = ?", Long.class, LI_LEI);
        assertThat(billing.queryForObject("select count(*) from account_payment where account_id = ?", Long.class,
                liLei)).isEqualTo(3);
        assertThat(billing.queryForObject("select count(*) from account_bill", Long.class)).isEqualTo(15);
        assertThat(accounts.queryForObject("select count(*) from account_bill", Long.class))
                .as("nothing of the billing system in the application's database").isZero();
        assertThat(twoDatabases.seedBilling()).as("seeded once").isZero();
        assertThat(billing.queryForObject("select count(*) from account_bill", Long.class)).isEqualTo(15);
    }

    @Test
    void zhaoQiangIsUnderLegalHold() {
        AccountFacts zhaoQiang = directory.findByEmail(ZHAO_QIANG).orElseThrow();
        assertThat(zhaoQiang.legalHold()).isTrue();
        assertThat(zhaoQiang.openInvestigation()).isFalse();
        assertThat(ALL.stream().filter(e -> directory.findByEmail(e).orElseThrow().legalHold()))
                .containsExactly(ZHAO_QIANG);
    }

    @Test
    void xiaoMingIsThirteenWithAGuardian() {
        AccountFacts xiaoMing = directory.findByEmail(XIAO_MING).orElseThrow();
        assertThat(xiaoMing.minor()).isTrue();
        assertThat(xiaoMing.guardianEmail()).isEqualTo(XIAO_MING_GUARDIAN_EMAIL);
        assertThat(xiaoMing.guardianPhone()).isEqualTo(XIAO_MING_GUARDIAN_PHONE);
        assertThat(age(XIAO_MING)).isEqualTo(13);
        assertThat(ALL.stream().filter(e -> directory.findByEmail(e).orElseThrow().minor()))
                .containsExactly(XIAO_MING);
    }

    @Test
    void xiaoMingStaysThirteenInAnOldDatabase() {
        jdbc.update("update account set birth_date = ? where email = ?", LocalDate.now().minusYears(15), XIAO_MING);
        assertThat(seeder.seedAccounts()).isEmpty();
        assertThat(age(XIAO_MING)).isEqualTo(13);
        assertThat(DemoAccountsSeeder.thirteenYearsOld(LocalDate.of(2026, 3, 1)))
                .isEqualTo(LocalDate.of(2012, 11, 21));
    }

    @Test
    void seedingAgainChangesNothing() {
        Map<String, Long> before = tableCounts();
        assertThat(seeder.seedAccounts()).isEmpty();
        assertThat(new DemoAccountsSeeder(jdbc, 5_000, Clock.systemUTC()).seedAccounts()).isEmpty();
        assertThat(seeder.awaitLargeAccount(Duration.ofSeconds(30))).isEqualTo(5_000);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void demoIdNumbersAreWellFormedButObviouslyFake() {
        // the GB 11643 example number checks out with the same algorithm
        assertThat(DemoAccountsSeeder.checkCharacter("11010519491231002")).isEqualTo('X');
        List<String> numbers = jdbc.queryForList("select id_number from account_real_name", String.class);
        assertThat(numbers).isNotEmpty().allSatisfy(n -> {
            assertThat(n).hasSize(18).startsWith("000000");
            assertThat(n.charAt(17)).isEqualTo(DemoAccountsSeeder.checkCharacter(n.substring(0, 17)));
        });
    }

    @Test
    void theLargeAccountIsToppedUpToTheSpecSizeInTheBackgroundAndNeverShrinks() {
        DataSource ds = TestDatabases.postgresWithOnlyAccountSystem();
        JdbcTemplate other = new JdbcTemplate(ds);
        DemoAccountsSeeder first = new DemoAccountsSeeder(other, 1_000, Clock.systemUTC());
        first.seedAccounts();
        assertThat(first.largeAccountSeeding()).isNotDone();
        assertThat(first.awaitLargeAccount(Duration.ofMinutes(1))).isEqualTo(1_000);

        DemoAccountsSeeder spec = new DemoAccountsSeeder(other, DemoAccounts.DEFAULT_LARGE_ACCOUNT_OPERATION_LOGS,
                Clock.systemUTC());
        assertThat(spec.seedAccounts()).isEmpty();
        assertThat(spec.startLargeAccountSeeding()).isSameAs(spec.startLargeAccountSeeding());
        assertThat(spec.awaitLargeAccount(Duration.ofMinutes(5))).isEqualTo(200_000);
        assertThat(operationLogs(other, CHEN_JIE)).isEqualTo(200_000);
        assertThat(other.queryForObject("select count(*) from account_operation_log where occurred_at < ? and"
                + " account_id = (select id from account where email = ?)", Long.class,
                OffsetDateTime.now().minusMonths(6), CHEN_JIE)).as("the long history is inside its 6 months").isZero();
        // ids follow time: the newest operation has the highest id
        assertThat(other.queryForObject("select max(id) = (select id from account_operation_log where account_id ="
                + " (select id from account where email = ?) order by occurred_at desc limit 1)"
                + " from account_operation_log", Boolean.class, CHEN_JIE)).isTrue();

        DemoAccountsSeeder smaller = new DemoAccountsSeeder(other, 10, Clock.systemUTC());
        assertThat(smaller.awaitLargeAccount(Duration.ofSeconds(30))).isEqualTo(200_000);
    }

    @Test
    void isOnlyABeanWhenDemoDataIsEnabled() {
        DataSource ds = TestDatabases.postgresWithOnlyAccountSystem();
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(ds))
                .withBean(DataConnectors.class, () -> new DataConnectors(DataMap.load(DataMap.DEFAULT_LOCATIONS),
                        new JdbcTemplate(ds), DataMapProperties.defaults()))
                .withUserConfiguration(DemoAccountsSeeder.class);
        runner.run(context -> assertThat(context).doesNotHaveBean(DemoAccountsSeeder.class));
        runner.withPropertyValues("rightsflow.demo.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DemoAccountsSeeder.class));
        runner.withPropertyValues("rightsflow.demo.enabled=true", "rightsflow.demo.large-account-operation-logs=300")
                .run(context -> {
                    DemoAccountsSeeder bean = context.getBean(DemoAccountsSeeder.class);
                    // seeded when the singletons were ready
                    assertThat(new JdbcTemplate(ds).queryForObject("select count(*) from account", Integer.class))
                            .isEqualTo(ALL.size());
                    assertThat(bean.awaitLargeAccount(Duration.ofMinutes(1))).isEqualTo(300);
                });
    }

    private static long operationLogs(JdbcTemplate jdbc, String email) {
        return jdbc.queryForObject("select count(*) from account_operation_log where account_id ="
                + " (select id from account where email = ?)", Long.class, email);
    }

    private static int age(String email) {
        LocalDate birth = jdbc.queryForObject("select birth_date from account where email = ?",
                (rs, n) -> rs.getObject(1, LocalDate.class), email);
        return Period.between(birth, LocalDate.now(ZoneId.of("Asia/Shanghai"))).getYears();
    }

    private static long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static Map<String, Long> tableCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counts;
    }
}
