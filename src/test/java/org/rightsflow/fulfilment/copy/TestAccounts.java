package org.rightsflow.fulfilment.copy;

import org.rightsflow.support.Accounts;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accounts of their own for the COPY/TRANSFER tests (the shared demo accounts are never changed): one row or more in
 * every data category (payments, bills and invoices in the billing system's database), with values that are easy to find in a package and awkward for a CSV (commas, quotes,
 * Chinese text, a line break).
 */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** An adult account with data in every category, including sensitive real-name and payment data. */
    public static long withDataInEveryCategory(JdbcTemplate jdbc, String email) {
        long id = plain(jdbc, email);
        JdbcTemplate billing = TestInfrastructure.billingJdbc();
        jdbc.update("insert into account_login (account_id, provider, external_id, bound_at) values "
                + "(?, 'WECHAT', 'wx-openid-" + id + "', now() - interval '400 days'), "
                + "(?, 'EMAIL', ?, now() - interval '300 days')", id, id, email);
        jdbc.update("insert into account_real_name (account_id, full_name, id_type, id_number, face_data_ref, "
                + "verification_method, verified_at) values (?, '测试用户', 'RESIDENT_ID', '11010519900307" + (id % 10000)
                + "', null, 'ID_DOCUMENT', now() - interval '200 days')", id);
        jdbc.update("insert into account_security (account_id, security_phone, security_email, mfa_enabled, updated_at) "
                + "values (?, '+8613900000099', ?, true, now() - interval '10 days')", id, "sec-" + email);
        billing.update("insert into account_payment (account_id, kind, amount, currency, payer_name, bank_name, "
                + "bank_account_masked, bank_account_full, paid_at) values "
                + "(?, 'TOP_UP', 100.50, 'CNY', '测试用户', 'Bank of \"Tests\", Ltd', '6222****1234', "
                + "'6222020000001234', now() - interval '30 days')", id);
        billing.update("insert into account_bill (account_id, billing_period, amount, currency, status, issued_at, paid_at) "
                + "values (?, '2026-10', 35.00, 'CNY', 'PAID', now() - interval '29 days', now() - interval '28 days'), "
                + "(?, '2026-11', 12.30, 'CNY', 'PAID', now() - interval '2 days', now() - interval '1 days')", id, id);
        billing.update("insert into account_invoice (account_id, invoice_no, invoice_title, amount, recipient_name, "
                + "recipient_address, recipient_contact, status, requested_at, issued_at) values "
                + "(?, 'INV-" + id + "', 'Copy Test Co., Ltd', 47.30, '测试用户', '北京市海淀区\n测试路 1 号', "
                + "'+8613900000099', 'ISSUED', now() - interval '20 days', now() - interval '19 days')", id);
        jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at) "
                + "select ?, 'LOGIN', '10.1.0.' || g, 'TestAgent/' || g, now() - (g || ' minutes')::interval "
                + "from generate_series(1, 25) g", id);
        jdbc.update("insert into account_contract (account_id, contract_no, title, signatory_name, signatory_phone, "
                + "signatory_email, signed_at, expires_at) values (?, 'C-" + id + "', 'Cloud service agreement', "
                + "'测试用户', '+8613900000099', ?, now() - interval '100 days', null)", id, email);
        jdbc.update("insert into account_support_ticket (account_id, ticket_no, channel, subject, description, "
                + "attachment_ref, call_recording_ref, status, opened_at, closed_at) values (?, 'T-" + id
                + "', 'WEB', 'Cannot log in', 'The \"login\" page says, \"try again\"', null, null, 'CLOSED', "
                + "now() - interval '50 days', now() - interval '49 days')", id);
        jdbc.update("insert into account_consent (account_id, purpose, granted, changed_at, source) values "
                + "(?, 'MARKETING', true, now() - interval '60 days', 'REGISTRATION'), "
                + "(?, 'BEHAVIOUR_COOKIES', false, now() - interval '5 days', 'COOKIE_BANNER')", id, id);
        return id;
    }

    /** An adult account without data beyond its profile. */
    public static long plain(JdbcTemplate jdbc, String email) {
        return Accounts.account(email).phone("+8613900000099").displayName("Copy Tester").birthDate("1990-03-07")
                .insert(jdbc);
    }

    /** Adds {@code rows} operation-log rows in one statement (PostgreSQL). */
    public static void addOperationLogs(JdbcTemplate jdbc, long accountId, int rows) {
        jdbc.update("insert into account_operation_log (account_id, action, ip, user_agent, occurred_at) "
                + "select ?, 'API_CALL', '10.' || (g % 250) || '.' || (g % 200) || '.1', "
                + "'Mozilla/5.0 (X11; Linux x86_64) rightsflow-load-test/' || g, "
                + "now() - (g || ' seconds')::interval from generate_series(1, ?) g", accountId, rows);
    }
}
