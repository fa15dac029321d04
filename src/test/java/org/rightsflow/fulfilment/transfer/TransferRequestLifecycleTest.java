package org.rightsflow.fulfilment.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * TRANSFER end to end on PostgreSQL: the privacy officer sees the recipient masked, approves (all four conditions)
 * or rejects; an approved transfer reaches the recipient as an expiring link with the package's SHA-256, and the
 * requester is told where it went and when; a rejected one is a refusal proposal that a legal reviewer approves before
 * the requester is refused.
 */
class TransferRequestLifecycleTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @Test
    void anApprovedTransferGoesToTheRecipientWithItsHashAndTheRequesterIsTold() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "transfer-test-" + System.nanoTime() + "@example.com";
        String recipient = "import-" + System.nanoTime() + "@recipient.example";
        long accountId = TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney journey = new RequesterJourney(api, mailbox);

        RequesterJourney.Filed filed = journey.fileAndVerify("TRANSFER", email, email,
                Map.of("recipientName", "Acme Cloud Ltd", "recipientEmail", recipient));
        String reference = filed.reference();
        proceedAfterReview(reference);

        Task approval = awaitTask(tasks, reference, "Task_ApproveTransfer");
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).taskCandidateGroup("privacy-officers").count())
                .isEqualTo(1);
        String shown = tasks.getVariableLocal(approval.getId(), "transferRecipient").toString();
        assertThat(shown).contains("\"name\":\"A***\"", "\"email\":\"i***@***.example\"")
                .doesNotContain("Acme", "recipient.example");

        StaffSignIn.as(identity, "officer");
        try {
            tasks.complete(approval.getId(), conditions(true).putValue("decision", "APPROVE")
                    .putValue("explanation", "Verified requester; contract data; ZIP is portable; no third-party data."));
        } finally {
            identity.clearAuthentication();
        }
        journey.awaitStatus(filed, "COMPLETED");

        Mailbox.Mail toRecipient = mailbox.awaitOne(recipient, "TRANSFER_PACKAGE", reference);
        Matcher sha = Pattern.compile("SHA-256[^:：]*[:：]\\s*([0-9a-f]{64})").matcher(toRecipient.body());
        assertThat(sha.find()).as(toRecipient.body()).isTrue();
        assertThat(toRecipient.body()).doesNotContain(email).doesNotContain("测试用户");
        String link = Mailbox.linkIn(toRecipient);
        Api.Response download = api.get(link.substring(link.indexOf("/api/downloads/")));
        assertThat(download.status()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                .as("the published hash is the hash of what the recipient downloads").isEqualTo(sha.group(1));
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(download.body()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("index.html");
        }

        Mailbox.Mail toRequester = mailbox.awaitOne(email, "TRANSFER_SENT", reference);
        assertThat(toRequester.body()).contains("to the recipient named in the request", sha.group(1))
                .as("nothing the requester typed, not even masked")
                .doesNotContain(recipient, "Acme Cloud Ltd", "A*** C**** L**", "recipient.example");
        assertThat(toRequester.body()).containsPattern("sent on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(mailbox.of(email, "RESULT_COMPLETED", reference)).hasSize(1);
        assertThat(mailbox.of(recipient, "TRANSFER_PACKAGE", reference)).as("exactly once").hasSize(1);
        assertThat(mailbox.of(email, "DOWNLOAD_READY", reference)).as("the link is not the requester's").isEmpty();

        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                reference)).contains("TRANSFER_APPROVED", "COPY_PACKAGE_BUILT", "TRANSFER_SENT",
                "DOWNLOADED");
        assertThat(PersonalDataScan.engineTablesContaining(jdbc,
                List.of(email, recipient, "Acme Cloud Ltd", "wx-openid-" + accountId)))
                .as("neither the requester's nor the recipient's data reaches the engine").isEmpty();
    }

    @Test
    void aRejectedTransferIsRefusedOnlyOnceASecondPersonApprovesAndNothingIsSent() {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "transfer-test-" + System.nanoTime() + "@example.com";
        String recipient = "import-" + System.nanoTime() + "@recipient.example";
        TestAccounts.plain(jdbc, email);
        RequesterJourney journey = new RequesterJourney(api, mailbox);

        RequesterJourney.Filed filed = journey.fileAndVerify("TRANSFER", email, email,
                Map.of("recipientName", "Unknown Broker", "recipientEmail", recipient));
        String reference = filed.reference();
        proceedAfterReview(reference);
        Task approval = awaitTask(tasks, reference, "Task_ApproveTransfer");

        StaffSignIn.as(identity, "officer");
        try {
            tasks.complete(approval.getId(), conditions(false).putValue("decision", "REJECT")
                    .putValue("grounds", "[\"TRANSFER_CONDITIONS_NOT_MET\"]")
                    .putValue("explanation", "The recipient could not show that it can receive the data securely."));
        } finally {
            identity.clearAuthentication();
        }
        Task secondPerson = awaitTask(tasks, reference, "Task_ApproveRefusal");
        assertThat(tasks.getVariable(secondPerson.getId(), "refusalSubject")).isEqualTo("TRANSFER");
        assertThat(tasks.getVariable(secondPerson.getId(), "suggestedGrounds")).isEqualTo("TRANSFER_CONDITIONS_NOT_MET");
        assertThat(journey.status(filed)).as("a proposal refuses nothing yet").isEqualTo("IN_PROGRESS");
        assertThat(mailbox.of(email, "RESULT_REFUSED", reference)).isEmpty();

        ReviewTasks.decideRefusal(tasks, identity, reference, "legal", "APPROVE", "The security concern is documented.");
        journey.awaitStatus(filed, "REFUSED");

        Mailbox.Mail refused = mailbox.awaitOne(email, "RESULT_REFUSED", reference);
        assertThat(refused.body()).contains("The recipient could not show that it can receive the data securely.")
                .doesNotContain("The security concern is documented.");
        assertThat(jdbc.queryForObject("select count(*) from download d join rights_request r on r.id = d.request_id "
                + "where r.reference = ?", Integer.class, reference)).as("no package is built").isZero();
        assertThat(mailbox.all().stream().filter(m -> m.to().equalsIgnoreCase(recipient)).toList()).isEmpty();
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                reference)).containsSubsequence("REFUSAL_PROPOSED", "REFUSAL_APPROVED", "REQUEST_REFUSED")
                .doesNotContain("TRANSFER_SENT");
        assertThat(jdbc.queryForMap("select p.subject, p.proposed_by, p.decided_by, p.approval from refusal_proposal p"
                + " join rights_request r on r.id = p.request_id where r.reference = ?", reference))
                .containsEntry("subject", "TRANSFER").containsEntry("proposed_by", "officer")
                .containsEntry("decided_by", "legal").containsEntry("approval", "APPROVE");
    }

    private static VariableMap conditions(boolean all) {
        VariableMap variables = Variables.createVariables();
        TransferApproval.CONDITIONS.forEach(c -> variables.putValue(c, true));
        if (!all) {
            variables.putValue(TransferApproval.TECHNICALLY_FEASIBLE, false);
        }
        return variables;
    }

    /** Triage sends every TRANSFER to the privacy officer's exemption review first. */
    private void proceedAfterReview(String reference) {
        Task review = awaitTask(tasks, reference, "Task_ReviewExemptions");
        StaffSignIn.as(identity, "officer2");
        try {
            tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "PROCEED")
                    .putValue("explanation", "No exemption applies; the transfer conditions are checked next."));
        } finally {
            identity.clearAuthentication();
        }
    }
}
