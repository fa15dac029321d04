package org.rightsflow.fulfilment.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WITHDRAW_CONSENT end to end on a test account of its own: the named purposes stop at once (current consent off,
 * one ledger entry each), the others stay, the requester is told which services stop and that earlier processing
 * stays valid; a retried job adds nothing; the engine's tables hold no personal data.
 */
class ConsentWithdrawalTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConsentRegister register;
    @Autowired
    ConsentWithdrawalFulfilment withdrawals;
    @Autowired
    RequestRepository requests;

    private List<Map<String, Object>> consentRows(long accountId) {
        return jdbc.queryForList("select purpose, granted, source from account_consent where account_id = ? order by purpose",
                accountId);
    }

    private List<Map<String, Object>> ledgerRows(long accountId) {
        return jdbc.queryForList("""
                select purpose, granted, source, request_reference from consent_ledger
                where account_id = ? order by purpose""", accountId);
    }

    @Test
    void withdrawnPurposesStopAtOnceOthersContinueAndTheRequesterIsToldWhichServicesStop() {
        String email = "consent-test-" + System.nanoTime() + "@example.com";
        long accountId = Accounts.account(email).displayName("Consent Tester " + System.nanoTime())
                .birthDate("1988-05-05").insert(jdbc);
        for (String purpose : List.of("MARKETING", "FACE_RECOGNITION", "PERSONALISED_RECOMMENDATIONS")) {
            jdbc.update("""
                    insert into account_consent (account_id, purpose, granted, changed_at, source)
                    values (?, ?, true, current_timestamp, 'SIGN_UP')""", accountId, purpose);
        }
        assertThat(consentRows(accountId)).containsExactly(
                Map.of("purpose", "FACE_RECOGNITION", "granted", true, "source", "SIGN_UP"),
                Map.of("purpose", "MARKETING", "granted", true, "source", "SIGN_UP"),
                Map.of("purpose", "PERSONALISED_RECOMMENDATIONS", "granted", true, "source", "SIGN_UP"));
        assertThat(register.isAllowed(accountId, "MARKETING")).isTrue();
        assertThat(register.isAllowed(accountId, "AFFILIATE_SHARING")).as("no consent on record is no consent").isFalse();

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("WITHDRAW_CONSENT", email, email,
                Map.of("purposes", List.of("MARKETING", "FACE_RECOGNITION")));
        requester.awaitStatus(filed, "COMPLETED");

        assertThat(register.isAllowed(accountId, "MARKETING")).isFalse();
        assertThat(register.isAllowed(accountId, "FACE_RECOGNITION")).isFalse();
        assertThat(register.isAllowed(accountId, "PERSONALISED_RECOMMENDATIONS")).isTrue();
        assertThat(consentRows(accountId)).containsExactly(
                Map.of("purpose", "FACE_RECOGNITION", "granted", false, "source", "RIGHTS_REQUEST"),
                Map.of("purpose", "MARKETING", "granted", false, "source", "RIGHTS_REQUEST"),
                Map.of("purpose", "PERSONALISED_RECOMMENDATIONS", "granted", true, "source", "SIGN_UP"));
        List<Map<String, Object>> ledger = List.of(
                Map.of("purpose", "FACE_RECOGNITION", "granted", false, "source", "RIGHTS_REQUEST",
                        "request_reference", filed.reference()),
                Map.of("purpose", "MARKETING", "granted", false, "source", "RIGHTS_REQUEST",
                        "request_reference", filed.reference()));
        assertThat(ledgerRows(accountId)).isEqualTo(ledger);
        assertThat(register.ledger(accountId)).allSatisfy(entry -> assertThat(entry.recordedAt()).isNotNull());

        Mailbox.Mail notice = mailbox.awaitOne(email, "CONSENT_WITHDRAWN", filed.reference());
        assertThat(notice.body()).contains("Your consent is withdrawn", "Marketing — these services have stopped:",
                "promotional emails and text messages", "Face recognition — these services have stopped:",
                "sign-in by face", "All other services continue", "before you withdrew it remains valid")
                .doesNotContain("Personalised recommendations", "we have withdrawn");
        mailbox.awaitOne(email, "RESULT_COMPLETED", filed.reference());

        // The job runs again (a retry after a lost commit acknowledgement): nothing is added.
        String requestId = requests.findByReference(filed.reference()).orElseThrow().id();
        withdrawals.record(requestId);
        assertThat(withdrawals.notifyWithdrawn(requestId)).isEqualTo("COMPLETED");
        assertThat(ledgerRows(accountId)).isEqualTo(ledger);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action = 'CONSENT_WITHDRAWN'",
                Integer.class, filed.reference())).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from notice_outbox where dedup_key = ?", Integer.class,
                "consent-withdrawn:" + requestId)).isEqualTo(1);

        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(email))).isEmpty();
    }
}
