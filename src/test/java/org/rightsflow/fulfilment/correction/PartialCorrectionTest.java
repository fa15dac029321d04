package org.rightsflow.fulfilment.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CORRECT after an approved partial refusal (officer proposes, legal reviewer approves): a change to a refused
 * category is never offered for the correction review and never written; the other change is reviewed and applied;
 * the requester is told per field and, in the result notice, per category with the ground; PARTIALLY_COMPLETED.
 */
class PartialCorrectionTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @Test
    void aChangeInARefusedCategoryIsNotReviewedNorWritten() {
        long n = System.nanoTime();
        String email = "correct-partial-" + n + "@example.com";
        String oldSecurityEmail = "oldsec-" + n + "@example.com";
        String newSecurityEmail = "newsec-" + n + "@example.com";
        String newDisplayName = "Newname" + n;
        // Under legal hold, triage sends every request of the account to the privacy officer.
        long account = Accounts.account(email).phone("+86139" + String.format("%08d", n % 100_000_000L))
                .displayName("Oldname" + n).birthDate("1990-01-01").legalHold().insert(jdbc);
        jdbc.update("insert into account_security (account_id, security_email, updated_at) values (?, ?,"
                + " current_timestamp)", account, oldSecurityEmail);

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", email, email, Map.of("corrections", List.of(
                Map.of("field", "displayName", "value", newDisplayName),
                Map.of("field", "securityEmail", "value", newSecurityEmail))));
        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("RISK_TO_OTHERS"),
                List.of("SECURITY"), "The security address is shared with another account holder.");

        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(filed.reference()).taskDefinitionKey("Task_ReviewCorrection").count() == 1);
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_ReviewCorrection").singleResult();
        String summary = tasks.getVariableLocal(review.getId(), "correctionRows").toString();
        assertThat(summary).contains("\"change\":\"2\",\"field\":\"Security email address",
                "not for review — after review, the correction of this category of personal information was refused");
        assertThat(tasks.getVariableLocal(review.getId(), "correctionOptions").toString())
                .as("only the change in scope can be decided").contains("\"value\":\"1\"").doesNotContain("\"value\":\"2\"");
        StaffSignIn.as(identity, "officer2");
        try {
            tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "APPLY")
                    .putValue("explanation", "The display name matches the contract."));
        } finally {
            identity.clearAuthentication();
        }

        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");
        assertThat(jdbc.queryForList("select display_name from account where id = ?", String.class, account))
                .containsExactly(newDisplayName);
        assertThat(jdbc.queryForList("select security_email from account_security where account_id = ?", String.class,
                account)).as("refused category: not changed").containsExactly(oldSecurityEmail);
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        assertThat(jdbc.queryForList("select status from correction_change where request_id = ? order by change_no",
                String.class, requestId)).containsExactly("APPLIED", "EXEMPTED");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select detail from audit_entry where reference = ? and action = 'CORRECTION_APPLIED'",
                String.class, filed.reference())).hasSize(1).allMatch(d -> d.contains("\"field\":\"displayName\""));

        Mailbox.Mail perField = mailbox.awaitOne(email, "CORRECTION_RESULT", filed.reference());
        assertThat(perField.body()).contains("1. Display name: corrected",
                "2. Security email address: not corrected: after review, the correction of this category of"
                        + " personal information was refused, on the grounds given in the result notice");
        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_PARTIALLY_COMPLETED", filed.reference());
        assertThat(result.body())
                .contains("- it would put the legitimate rights of others at risk")
                .contains("We did not act on your request for these categories of your personal information, for the"
                        + " reasons above:\n- security settings (security phone and email)\n")
                .contains("The security address is shared with another account holder.")
                .contains("people's court")
                .doesNotContain(oldSecurityEmail, newSecurityEmail, newDisplayName);
    }
}
