package org.rightsflow.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rightsflow.support.Accounts;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JDBC connector's writes, on PostgreSQL and on H2 (the default profile's database): erasure by each of the data
 * map's strategies, retention selections for one subject and for every subject in limited batches (the nightly
 * sweep), restriction and its lifting, the subject record, corrections. Every write leaves other subjects alone and
 * changes nothing when repeated.
 */
class JdbcConnectorWritesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("PostgreSQL", TestDatabases.postgresWithOnlyAccountSystem()),
                Arguments.of("H2", TestDatabases.h2WithOnlyAccountSystem()));
    }

    /** The account system and the billing system, here in one database. */
    private record Fixture(JdbcTemplate jdbc, JdbcConnector connector, JdbcConnector billing, long a, long b) {
    }

    private static Fixture fixture(DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        DataMap map = DataMap.load(DataMap.DEFAULT_LOCATIONS);
        JdbcConnector connector = new JdbcConnector(ds, map.subjectSystem(), 50);
        JdbcConnector billing = new JdbcConnector(ds, map.system("billing-system").orElseThrow(), 50);
        connector.verifySchema();
        billing.verifySchema();
        return new Fixture(jdbc, connector, billing, account(jdbc, "a"), account(jdbc, "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsTheRowsThatBlockACancellation(String name, DataSource ds) {
        Fixture f = fixture(ds);
        assertThat(f.billing.countCancellationBlockers(DataCategory.INVOICES, f.a)).isEqualTo(1); // OPEN
        assertThat(f.billing.countCancellationBlockers(DataCategory.PAYMENTS, f.a)).as("declares none").isZero();
        f.jdbc.update("update account_invoice set status = 'ISSUED', issued_at = ? where account_id = ?",
                ts(NOW), f.a);
        assertThat(f.billing.countCancellationBlockers(DataCategory.INVOICES, f.a)).isZero();
        assertThat(f.billing.countCancellationBlockers(DataCategory.INVOICES, f.b)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void selectsByRetentionAndJudgesItsWindow(String name, DataSource ds) {
        Fixture f = fixture(ds);
        assertThat(f.billing.count(DataCategory.PAYMENTS, RowSelection.allOf(f.a))).isEqualTo(3);
        assertThat(f.billing.count(DataCategory.PAYMENTS, RowSelection.pastRetention(f.a, NOW))).isEqualTo(1);
        assertThat(f.billing.count(DataCategory.PAYMENTS, RowSelection.withinRetention(f.a, NOW))).isEqualTo(2);
        // a category without a retention rule: nothing holds it
        assertThat(f.connector.count(DataCategory.CONTRACTS, RowSelection.withinRetention(f.a, NOW))).isZero();
        assertThat(f.connector.count(DataCategory.CONTRACTS, RowSelection.pastRetention(f.a, NOW))).isEqualTo(1);
        assertThat(f.connector.retentionWindow(DataCategory.CONTRACTS, f.a, NOW)).isEmpty();

        // within: paid a year ago (expires in two years) and paid 10 days ago (expires last)
        RetentionWindow window = f.billing.retentionWindow(DataCategory.PAYMENTS, f.a, NOW).orElseThrow();
        assertThat(window.nextExpiry()).isEqualTo(plus3Years(ago(Duration.ofDays(365))));
        assertThat(window.lastExpiry()).isEqualTo(plus3Years(ago(Duration.ofDays(10))));
        // an invoice not issued yet has not started its period: held, and at least a full period from now
        RetentionWindow invoices = f.billing.retentionWindow(DataCategory.INVOICES, f.a, NOW).orElseThrow();
        assertThat(invoices.nextExpiry()).isEqualTo(plus3Years(NOW));
        assertThat(invoices.lastExpiry()).isEqualTo(plus3Years(NOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void erasesByEachStrategyOnlyWhatTheSelectionHoldsAndOnlyOnce(String name, DataSource ds) {
        Fixture f = fixture(ds);
        // ANONYMISE_COLUMNS: the payment past retention loses payer and bank details, the others keep them
        assertThat(f.billing.erase(DataCategory.PAYMENTS, RowSelection.pastRetention(f.a, NOW))).isEqualTo(1);
        assertThat(f.jdbc.queryForList("select payer_name from account_payment where account_id = ? order by paid_at",
                String.class, f.a)).containsExactly("已匿名", "付款人", "付款人");
        assertThat(f.jdbc.queryForObject("select count(*) from account_payment where account_id = ?"
                + " and bank_account_full is null", Long.class, f.a)).isEqualTo(1);
        assertThat(f.billing.erase(DataCategory.PAYMENTS, RowSelection.pastRetention(f.a, NOW))).isZero();

        // DELETE_ROW, every row of the subject
        assertThat(f.connector.erase(DataCategory.ACCOUNT, RowSelection.allOf(f.a))).isEqualTo(2);
        assertThat(f.connector.erase(DataCategory.ACCOUNT, RowSelection.allOf(f.a))).isZero();

        // NULL_COLUMNS
        assertThat(f.connector.erase(DataCategory.CONTRACTS, RowSelection.allOf(f.a))).isEqualTo(1);
        assertThat(f.jdbc.queryForMap("select signatory_name, signatory_phone, signatory_email, title"
                + " from account_contract where account_id = ?", f.a))
                .containsEntry("signatory_name", null).containsEntry("signatory_email", null)
                .containsEntry("title", "服务协议");
        assertThat(f.connector.erase(DataCategory.CONTRACTS, RowSelection.allOf(f.a))).isZero();

        // the other subject keeps everything
        assertThat(f.connector.count(DataCategory.ACCOUNT, f.b)).isEqualTo(2);
        assertThat(f.jdbc.queryForList("select payer_name from account_payment where account_id = ?",
                String.class, f.b)).containsOnly("付款人");
        assertThat(f.jdbc.queryForObject("select signatory_name from account_contract where account_id = ?",
                String.class, f.b)).isEqualTo("签署人");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sweepsEverySubjectPastRetentionInLimitedBatches(String name, DataSource ds) {
        Fixture f = fixture(ds);
        long before = f.connector.count(DataCategory.OPERATION_LOGS, RowSelection.everyRow());
        long expired = f.connector.count(DataCategory.OPERATION_LOGS, RowSelection.everySubjectPastRetention(NOW, 0));
        assertThat(expired).isEqualTo(6); // three old logs of each subject

        List<Long> batches = new ArrayList<>();
        long erased;
        while ((erased = f.connector.erase(DataCategory.OPERATION_LOGS,
                RowSelection.everySubjectPastRetention(NOW, 4))) > 0) {
            batches.add(erased);
        }
        assertThat(batches).containsExactly(4L, 2L);
        assertThat(f.connector.count(DataCategory.OPERATION_LOGS, RowSelection.everyRow())).isEqualTo(before - 6);
        assertThat(f.connector.count(DataCategory.OPERATION_LOGS, f.a)).isEqualTo(1);

        // anonymising strategies make progress in batches too: anonymised rows are not selected again
        List<Long> paymentBatches = new ArrayList<>();
        while ((erased = f.billing.erase(DataCategory.PAYMENTS, RowSelection.everySubjectPastRetention(NOW, 1))) > 0) {
            paymentBatches.add(erased);
        }
        assertThat(paymentBatches).containsExactly(1L, 1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sweepsPassOverExcludedSubjects(String name, DataSource ds) {
        Fixture f = fixture(ds);
        RowSelection allButB = RowSelection.everySubjectPastRetention(NOW, 0).excluding(List.of(f.b));
        assertThat(f.connector.count(DataCategory.OPERATION_LOGS, allButB)).isEqualTo(3);
        assertThat(f.connector.erase(DataCategory.OPERATION_LOGS, allButB.limitedTo(2))).isEqualTo(2);
        assertThat(f.connector.erase(DataCategory.OPERATION_LOGS, allButB.limitedTo(2))).isEqualTo(1);
        assertThat(f.connector.erase(DataCategory.OPERATION_LOGS, allButB)).isZero();
        assertThat(f.connector.count(DataCategory.OPERATION_LOGS, RowSelection.pastRetention(f.a, NOW))).isZero();
        assertThat(f.connector.count(DataCategory.OPERATION_LOGS, RowSelection.pastRetention(f.b, NOW))).isEqualTo(3);
        // excluding the selected subject itself selects nothing
        assertThat(f.billing.erase(DataCategory.PAYMENTS, RowSelection.pastRetention(f.b, NOW)
                .excluding(List.of(f.b)))).isZero();
        assertThat(f.billing.count(DataCategory.PAYMENTS, RowSelection.pastRetention(f.b, NOW))).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void erasesWhatRestsOnAWithdrawnConsentAloneAndKeepsTheRest(String name, DataSource ds) {
        Fixture f = fixture(ds);
        for (long id : List.of(f.a, f.b)) {
            f.jdbc.update("insert into account_real_name (account_id, full_name, id_type, id_number, face_data_ref,"
                    + " verification_method, verified_at) values (?, '实名', 'RESIDENT_ID_CARD', '000000199001010011',"
                    + " ?, 'FACE', ?)", id, "face/" + id, ts(ago(Duration.ofDays(30))));
        }
        assertThat(f.connector.eraseConsentBased(DataCategory.REAL_NAME, "FACE_RECOGNITION",
                RowSelection.pastRetention(f.a, NOW))).isEqualTo(1);
        // the face data goes; the name and number stay (they rest on the real-name obligation, not on the consent)
        assertThat(f.jdbc.queryForMap("select full_name, face_data_ref from account_real_name where account_id = ?",
                f.a)).containsEntry("full_name", "实名").containsEntry("face_data_ref", null);
        assertThat(f.jdbc.queryForObject("select face_data_ref from account_real_name where account_id = ?",
                String.class, f.b)).isEqualTo("face/" + f.b);
        assertThat(f.connector.eraseConsentBased(DataCategory.REAL_NAME, "FACE_RECOGNITION",
                RowSelection.pastRetention(f.a, NOW))).as("repeated").isZero();
        // nothing rests on these purposes in these categories
        assertThat(f.connector.eraseConsentBased(DataCategory.REAL_NAME, "MARKETING",
                RowSelection.pastRetention(f.b, NOW))).isZero();
        assertThat(f.billing.eraseConsentBased(DataCategory.PAYMENTS, "FACE_RECOGNITION",
                RowSelection.pastRetention(f.b, NOW))).isZero();
        assertThat(f.jdbc.queryForObject("select face_data_ref from account_real_name where account_id = ?",
                String.class, f.b)).isEqualTo("face/" + f.b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void restrictsAndLiftsWithoutHidingWhatIsHeld(String name, DataSource ds) {
        Fixture f = fixture(ds);
        assertThat(f.billing.restrict(DataCategory.PAYMENTS, RowSelection.withinRetention(f.a, NOW))).isEqualTo(2);
        assertThat(f.billing.restrict(DataCategory.PAYMENTS, RowSelection.withinRetention(f.a, NOW))).isZero();
        // still held (counted), no longer read for processing
        assertThat(f.billing.count(DataCategory.PAYMENTS, f.a)).isEqualTo(3);
        List<Map<String, Object>> readable = new ArrayList<>();
        f.billing.forEachRow(DataCategory.PAYMENTS, f.a, readable::add);
        assertThat(readable).hasSize(1);
        assertThat(f.jdbc.queryForObject("select count(*) from account_payment where restricted", Long.class))
                .isEqualTo(2);

        // erasing a restricted row clears the flag: what is left is no longer personal data
        f.jdbc.update("update account_payment set restricted = true where account_id = ?", f.a);
        f.billing.erase(DataCategory.PAYMENTS, RowSelection.pastRetention(f.a, NOW));
        assertThat(f.jdbc.queryForObject("select restricted from account_payment where account_id = ?"
                + " and payer_name = '已匿名'", Boolean.class, f.a)).isFalse();

        assertThat(f.billing.liftRestriction(DataCategory.PAYMENTS, RowSelection.allOf(f.a))).isEqualTo(2);
        assertThat(f.billing.liftRestriction(DataCategory.PAYMENTS, RowSelection.allOf(f.a))).isZero();
        readable.clear();
        f.billing.forEachRow(DataCategory.PAYMENTS, f.a, readable::add);
        assertThat(readable).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void erasesTheSubjectRecordAndCorrectsFields(String name, DataSource ds) {
        Fixture f = fixture(ds);
        CorrectableFields fields = new CorrectableFields(DataMap.load(DataMap.DEFAULT_LOCATIONS));
        CorrectableField securityEmail = fields.find("securityEmail").orElseThrow();
        assertThat(f.connector.currentValues(securityEmail, f.a)).containsExactly("sec-a@example.com");
        assertThat(f.connector.maxLength(securityEmail)).hasValue(320);
        assertThat(f.connector.correct(securityEmail, f.a, "new-a@example.com")).isEqualTo(1);
        assertThat(f.connector.currentValues(securityEmail, f.a)).containsExactly("new-a@example.com");
        assertThat(f.connector.currentValues(securityEmail, f.b)).containsExactly("sec-b@example.com");

        String emailOfB = emailOf(f.jdbc, f.b);
        f.connector.eraseSubjectRecord(f.a);
        f.connector.eraseSubjectRecord(f.a);
        assertThat(f.jdbc.queryForMap("select email, phone, display_name from account where id = ?", f.a))
                .containsEntry("email", "deleted-" + f.a + "@anonymised.invalid")
                .containsEntry("phone", null).containsEntry("display_name", "已注销用户");
        assertThat(emailOf(f.jdbc, f.b)).isEqualTo(emailOfB);

        CorrectableField invoiceRecipient = fields.find("invoiceRecipient").orElseThrow();
        assertThat(invoiceRecipient.systemId()).isEqualTo("billing-system");
        assertThatThrownBy(() -> f.connector.correct(invoiceRecipient, f.a, "王"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to system 'billing-system', not 'account-system'");
        assertThat(f.billing.correct(invoiceRecipient, f.a, "王")).isEqualTo(1);
        assertThat(f.billing.currentValues(invoiceRecipient, f.a)).containsExactly("王");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static String emailOf(JdbcTemplate jdbc, long id) {
        return jdbc.queryForObject("select email from account where id = ?", String.class, id);
    }

    private static Instant plus3Years(Instant anchor) {
        return anchor.atZone(DataMap.ZONE).plusYears(3).toInstant();
    }

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static long account(JdbcTemplate jdbc, String name) {
        String email = name + "-" + System.nanoTime() + "@example.com";
        long id = Accounts.account(email).phone("+86139" + name.hashCode()).displayName("用户" + name).insert(jdbc);
        for (int i = 0; i < 2; i++) {
            jdbc.update("insert into account_login (account_id, provider, external_id, bound_at) values (?, 'EMAIL', ?, ?)",
                    id, name + i + "@example.com", ts(ago(Duration.ofDays(100))));
        }
        jdbc.update("insert into account_security (account_id, security_phone, security_email, updated_at)"
                + " values (?, '+8613900000000', ?, ?)", id, "sec-" + name + "@example.com", ts(ago(Duration.ofDays(5))));
        for (Duration paidAgo : List.of(Duration.ofDays(4 * 366), Duration.ofDays(365), Duration.ofDays(10))) {
            jdbc.update("insert into account_payment (account_id, kind, amount, payer_name, bank_name,"
                    + " bank_account_masked, bank_account_full, paid_at) values (?, 'TOP_UP', 1.00, '付款人', '银行',"
                    + " '****1', '6222000000000001', ?)", id, ts(ago(paidAgo)));
        }
        jdbc.update("insert into account_invoice (account_id, invoice_title, amount, recipient_name, recipient_address,"
                + " recipient_contact, status, requested_at) values (?, '公司', 1.00, '收件人', '地址', '电话', 'OPEN', ?)",
                id, ts(ago(Duration.ofDays(3))));
        jdbc.update("insert into account_contract (account_id, contract_no, title, signatory_name, signatory_phone,"
                + " signatory_email, signed_at) values (?, ?, '服务协议', '签署人', '+8613900000000', 'sig@example.com', ?)",
                id, "C-" + name + id, ts(ago(Duration.ofDays(700))));
        for (int days : new int[] {400, 300, 200, 20}) {
            jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                    + " values (?, 'LOGIN', '192.0.2.1', 'curl', ?)", id, ts(ago(Duration.ofDays(days))));
        }
        return id;
    }
}
