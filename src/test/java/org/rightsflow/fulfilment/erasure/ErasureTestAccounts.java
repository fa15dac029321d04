package org.rightsflow.fulfilment.erasure;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rightsflow.support.Accounts;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test accounts of their own (never the shared demo accounts): one row or two in every category, some within and
 * some past their retention period, so that erasure can be checked row by row.
 */
public final class ErasureTestAccounts {

    /** The account system's tables keyed by account_id, in a fixed order. */
    public static final List<String> TABLES = List.of("account_login", "account_real_name", "account_security",
            "account_payment", "account_bill", "account_invoice", "account_operation_log", "account_contract",
            "account_support_ticket", "account_consent", "account_resource", "account_session", "account_credential");

    /** The tables of the billing system, in a database of its own. */
    public static final java.util.Set<String> BILLING_TABLES = java.util.Set.of("account_payment", "account_bill",
            "account_invoice");

    private final JdbcTemplate jdbc;
    private final JdbcTemplate billing;

    public ErasureTestAccounts(JdbcTemplate jdbc) {
        this(jdbc, org.rightsflow.support.TestInfrastructure.billingJdbc());
    }

    /** Accounts in the given application database, their billing rows in the given billing database. */
    public ErasureTestAccounts(JdbcTemplate jdbc, JdbcTemplate billing) {
        this.jdbc = jdbc;
        this.billing = billing;
    }

    /** The database holding the table: the billing system's or the application's. */
    public JdbcTemplate databaseOf(String table) {
        return BILLING_TABLES.contains(table) ? billing : jdbc;
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + System.nanoTime() + "@example.com";
    }

    public long account(String email, String phone) {
        return Accounts.account(email).phone(phone).displayName("测试用户").birthDate(java.time.LocalDate.of(1990, 1, 1))
                .createdAt(ago(Duration.ofDays(2000)).toInstant()).insert(jdbc);
    }

    /**
     * Rows in every category. Past their retention: one payment (4 years), one bill (4 years), one operation log
     * (1 year). Within it: one payment, one bill, one invoice (1 year) and one operation log (10 days).
     */
    public void fillEveryCategory(long id) {
        jdbc.update("insert into account_login (account_id, provider, external_id, bound_at) values (?, 'WECHAT', ?, ?)",
                id, "wx-" + id, ago(Duration.ofDays(900)));
        jdbc.update("insert into account_login (account_id, provider, external_id, bound_at) values (?, 'EMAIL', ?, ?)",
                id, "login-" + id + "@example.com", ago(Duration.ofDays(900)));
        jdbc.update("insert into account_real_name (account_id, full_name, id_type, id_number, face_data_ref,"
                + " verification_method, verified_at) values (?, '测试', 'ID_CARD', '110101199001011234', 'face/1',"
                + " 'FACE', ?)", id, ago(Duration.ofDays(800)));
        jdbc.update("insert into account_security (account_id, security_phone, security_email, mfa_enabled, updated_at)"
                + " values (?, '+8613900000000', 'sec@example.com', true, ?)", id, ago(Duration.ofDays(100)));
        billing.update("insert into account_payment (account_id, kind, amount, payer_name, bank_name, bank_account_masked,"
                + " bank_account_full, paid_at) values (?, 'TOP_UP', 100.00, '测试', '银行', '****1234',"
                + " '6222000011112222', ?)", id, ago(Duration.ofDays(4 * 366)));
        billing.update("insert into account_payment (account_id, kind, amount, payer_name, bank_name, bank_account_masked,"
                + " bank_account_full, paid_at) values (?, 'TOP_UP', 50.00, '测试', '银行', '****5678',"
                + " '6222000033334444', ?)", id, ago(Duration.ofDays(365)));
        billing.update("insert into account_bill (account_id, billing_period, amount, status, issued_at, paid_at)"
                + " values (?, '2022-01', 10.00, 'PAID', ?, ?)", id, ago(Duration.ofDays(4 * 366)), ago(Duration.ofDays(4 * 366)));
        billing.update("insert into account_bill (account_id, billing_period, amount, status, issued_at, paid_at)"
                + " values (?, '2025-11', 20.00, 'PAID', ?, ?)", id, ago(Duration.ofDays(365)), ago(Duration.ofDays(360)));
        billing.update("insert into account_invoice (account_id, invoice_no, invoice_title, amount, recipient_name,"
                + " recipient_address, recipient_contact, status, requested_at, issued_at) values (?, ?, '测试公司',"
                + " 20.00, '测试', '北京市', '+8613900000000', 'ISSUED', ?, ?)", id, "INV-" + id,
                ago(Duration.ofDays(366)), ago(Duration.ofDays(365)));
        jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                + " values (?, 'LOGIN', '10.0.0.1', 'curl', ?)", id, ago(Duration.ofDays(365)));
        jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at)"
                + " values (?, 'LOGIN', '10.0.0.2', 'curl', ?)", id, ago(Duration.ofDays(10)));
        jdbc.update("insert into account_contract (account_id, contract_no, title, signatory_name, signatory_phone,"
                + " signatory_email, signed_at) values (?, ?, '服务协议', '测试', '+8613900000000', 'sig@example.com', ?)",
                id, "C-" + id, ago(Duration.ofDays(700)));
        jdbc.update("insert into account_support_ticket (account_id, ticket_no, channel, subject, description, status,"
                + " opened_at) values (?, ?, 'WEB', '问题', '描述', 'CLOSED', ?)", id, "T-" + id, ago(Duration.ofDays(50)));
        jdbc.update("insert into account_consent (account_id, purpose, granted, changed_at, source)"
                + " values (?, 'MARKETING', true, ?, 'SIGN_UP')", id, ago(Duration.ofDays(500)));
        jdbc.update("insert into account_session (account_id, created_at, expires_at) values (?, ?, ?)",
                id, ago(Duration.ofDays(1)), Timestamp.from(Instant.now().plus(Duration.ofDays(30))));
        jdbc.update("insert into account_credential (account_id, kind, secret_hash, created_at)"
                + " values (?, 'PASSWORD', 'hash', ?)", id, ago(Duration.ofDays(100)));
    }

    /** Everything the account system holds for the account, table by table, row by row. */
    public Map<String, List<Map<String, Object>>> snapshot(long id) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        all.put("account", jdbc.queryForList("select * from account where id = ?", id));
        for (String table : TABLES) {
            all.put(table, databaseOf(table).queryForList("select * from " + table + " where account_id = ? order by id",
                    id));
        }
        return all;
    }

    public List<Map<String, Object>> rows(String table, long id) {
        return databaseOf(table).queryForList("select * from " + table + " where account_id = ? order by id", id);
    }

    public static Timestamp ago(Duration duration) {
        return Timestamp.from(Instant.now().minus(duration));
    }
}
