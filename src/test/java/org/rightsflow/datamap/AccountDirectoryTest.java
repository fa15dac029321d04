package org.rightsflow.datamap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Accounts;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.demo.DemoAccounts.CHEN_JIE;
import static org.rightsflow.demo.DemoAccounts.LI_LEI;
import static org.rightsflow.demo.DemoAccounts.LI_LEI_PHONE;
import static org.rightsflow.demo.DemoAccounts.WANG_FANG;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_EMAIL;
import static org.rightsflow.demo.DemoAccounts.XIAO_MING_GUARDIAN_PHONE;
import static org.rightsflow.demo.DemoAccounts.ZHAO_QIANG;

/** Account look-ups and the facts the request process needs, on PostgreSQL. */
class AccountDirectoryTest {

    private static SeededAccountSystem system;
    private static AccountDirectory directory;

    @BeforeAll
    static void seed() {
        system = SeededAccountSystem.shared();
        directory = system.directory();
    }

    @Test
    void findsByEmailIgnoringCaseAndSurroundingSpaces() {
        AccountFacts liLei = directory.findByEmail("  Li.Lei@EXAMPLE.com ").orElseThrow();
        assertThat(liLei.email()).isEqualTo(LI_LEI);
        assertThat(liLei.phone()).isEqualTo(LI_LEI_PHONE);
        assertThat(liLei.minor()).isFalse();
        assertThat(liLei.legalHold()).isFalse();
        assertThat(liLei.openInvestigation()).isFalse();
        assertThat(liLei.status()).isEqualTo(AccountFacts.ACTIVE);
        assertThat(liLei.active()).isTrue();
        assertThat(liLei.contactChangedAt()).isBefore(Instant.now());
        assertThat(liLei.guardianEmail()).isNull();
        assertThat(directory.findById(liLei.id())).contains(liLei);
    }

    @Test
    void accountsOnHoldAreThoseUnderLegalHoldOrInvestigation() {
        long zhaoQiang = system.accountId(ZHAO_QIANG);
        assertThat(directory.accountsOnHold()).containsExactly(zhaoQiang);
    }

    @Test
    void unknownAccountsAreEmpty() {
        assertThat(directory.findByEmail("nobody@example.com")).isEmpty();
        assertThat(directory.findByEmail("li.lei@example.co")).isEmpty();
        assertThat(directory.findByEmail("")).isEmpty();
        assertThat(directory.findByEmail("   ")).isEmpty();
        assertThat(directory.findByEmail(null)).isEmpty();
        assertThat(directory.findById(-1)).isEmpty();
        assertThat(directory.sensitiveCategoriesHeld(-1)).isEmpty();
    }

    @Test
    void knowsTheSpecFactsOfTheDemoAccounts() {
        AccountFacts xiaoMing = directory.findByEmail(XIAO_MING).orElseThrow();
        assertThat(xiaoMing.minor()).isTrue();
        assertThat(xiaoMing.guardianEmail()).isEqualTo(XIAO_MING_GUARDIAN_EMAIL);
        assertThat(xiaoMing.guardianPhone()).isEqualTo(XIAO_MING_GUARDIAN_PHONE);
        assertThat(directory.findByEmail(ZHAO_QIANG).orElseThrow().legalHold()).isTrue();
        assertThat(directory.findByEmail(WANG_FANG).orElseThrow().legalHold()).isFalse();
        assertThat(directory.findByEmail(CHEN_JIE).orElseThrow().minor()).isFalse();
    }

    @Test
    void sensitiveCategoriesAreRealNameAndPaymentsButEverythingForAMinor() {
        assertThat(directory.sensitiveCategoriesHeld(system.accountId(LI_LEI)))
                .containsExactlyInAnyOrder(DataCategory.REAL_NAME, DataCategory.PAYMENTS);
        assertThat(directory.sensitiveCategoriesHeld(system.accountId(WANG_FANG)))
                .containsExactlyInAnyOrder(DataCategory.REAL_NAME, DataCategory.PAYMENTS);
        // xiao.ming holds no real-name or payment data, yet all of a minor's data is sensitive
        assertThat(directory.sensitiveCategoriesHeld(system.accountId(XIAO_MING)))
                .containsExactlyInAnyOrder(DataCategory.ACCOUNT, DataCategory.OPERATION_LOGS,
                        DataCategory.SUPPORT, DataCategory.CONSENTS);
    }

    @Test
    void minorityEndsOnTheFourteenthBirthdayInShanghai() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.postgresWithOnlyAccountSystem());
        Accounts.account("teen@example.com").phone("+8613800009999").birthDate(LocalDate.of(2012, 6, 15)).insert(jdbc);
        // 2026-06-14T15:59Z is 23:59 on the 14th in Shanghai, 16:00Z is midnight of the birthday
        AccountDirectory before = directoryAt(jdbc, "2026-06-14T15:59:00Z");
        AccountDirectory on = directoryAt(jdbc, "2026-06-14T16:00:00Z");
        assertThat(before.findByEmail("TEEN@example.com").orElseThrow().minor()).isTrue();
        assertThat(on.findByEmail("teen@example.com").orElseThrow().minor()).isFalse();

        Accounts.account("no-birth-date@example.com").insert(jdbc);
        assertThat(on.findByEmail("no-birth-date@example.com").orElseThrow().minor()).isFalse();
    }

    private static AccountDirectory directoryAt(JdbcTemplate jdbc, String instant) {
        DataMap map = DataMap.load(DataMap.DEFAULT_LOCATIONS);
        return new AccountDirectory(jdbc, new DataConnectors(map, jdbc, DataMapProperties.defaults()),
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }
}
