package org.rightsflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TasklistSession;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The four-eyes rule holds through the engine REST API too (docs/refusals.md, the four-eyes rule): a user who is both privacy officer
 * and legal reviewer proposes a partial refusal over REST and cannot approve it; a plain privacy officer cannot even
 * reach the approval task; {@code legal} approves. The partial-result email names the refused categories, the
 * grounds, the complaint channel and the right to sue. A failed transfer condition is refused the same way.
 */
class FourEyesRestApiTest extends PostgresIntegrationTest {

    /** Under legal hold: the triage always sends its requests to review. */
    private static final String ZHAO = "zhao.qiang@example.com";
    private static final String DUAL = "officerlegal";
    private static final String DUAL_PASSWORD = "dual-password-1";

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    /** Creates the user once, with the groups given. */
    private void ensureUser(String userId, String password, String... groups) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setPassword(password);
            user.setEmail(userId + "@staff.rightsflow.invalid");
            identity.saveUser(user);
            for (String group : groups) {
                identity.createMembership(userId, group);
            }
        }
    }

    private void ensureDualUser() {
        ensureUser(DUAL, DUAL_PASSWORD, "privacy-officers", "legal-reviewers");
    }

    @Test
    void theProposerCannotApproveTheirOwnPartialRefusalThroughTheRestApi() {
        ensureDualUser();
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        StaffHttp dual = StaffHttp.as(port, DUAL, DUAL_PASSWORD);

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
        StaffHttp.Response noCategories = dual.post("/engine-rest/task/" + review.getId() + "/complete",
                StaffHttp.completion("decision", "PARTIAL", "grounds", "[\"TRADE_SECRET\"]",
                        "explanation", "Operation logs reveal our detection rules."));
        // The listener's rule violation is the caller's mistake: 400 with the rule (RuleViolationResponses), not 500.
        assertThat(noCategories.status()).as("a PARTIAL without refused categories is rejected on the server")
                .isEqualTo(400);
        assertThat(noCategories.body()).contains("data categories");
        StaffHttp.Response unknownCategory = dual.post("/engine-rest/task/" + review.getId() + "/complete",
                StaffHttp.completion("decision", "PARTIAL", "grounds", "[\"TRADE_SECRET\"]",
                        "refusedCategories", "[\"SECRETS\"]", "explanation", "Operation logs reveal our detection rules."));
        assertThat(unknownCategory.status()).isEqualTo(400);
        assertThat(unknownCategory.body()).contains("Unknown data category SECRETS");
        assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("the review task stays open").isEqualTo(1);

        StaffHttp.Response proposed = dual.post("/engine-rest/task/" + review.getId() + "/complete",
                StaffHttp.completion("decision", "PARTIAL", "grounds", "[\"TRADE_SECRET\"]",
                        "refusedCategories", "[\"OPERATION_LOGS\",\"SECURITY\"]",
                        "explanation", "Operation logs reveal our detection rules."));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(204);

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        assertThat(tasks.getVariable(approval.getId(), "reviewProposer")).isEqualTo(DUAL);
        assertThat(tasks.getVariable(approval.getId(), "refusedCategories")).isEqualTo("SECURITY,OPERATION_LOGS");
        assertThat(jdbc.queryForObject("select refused_categories from review_scope r join rights_request q"
                + " on q.id = r.request_id where q.reference = ?", String.class, filed.reference()))
                .isEqualTo("SECURITY,OPERATION_LOGS");

        StaffHttp.Response selfApproval = dual.post("/engine-rest/task/" + approval.getId() + "/complete",
                StaffHttp.completion("decision", "APPROVE", "explanation", "Approving my own proposal."));
        assertThat(selfApproval.status()).as("four eyes: the proposer cannot approve").isEqualTo(400);
        assertThat(selfApproval.body()).contains("Four-eyes");
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).as("the approval stays open").isEqualTo(1);
        // A completion can set any variable: naming someone else as the proposer changes nothing, the rule reads the
        // stored proposal (refusal_proposal), found by the business key.
        StaffHttp.Response forged = dual.post("/engine-rest/task/" + approval.getId() + "/complete",
                StaffHttp.completion("decision", "APPROVE", "explanation", "Approving as if someone else proposed it.",
                        "reviewProposer", "officer2", "requestId", "not-this-request"));
        assertThat(forged.status()).as("four eyes against the stored proposal").isEqualTo(400);
        assertThat(forged.body()).contains("Four-eyes");
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);

        StaffHttp.Response byOfficer = StaffHttp.as(port, "officer").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "Not my task at all."));
        assertThat(byOfficer.status()).as("a privacy officer has no access to the legal reviewers' task")
                .isIn(403, 404);
        StaffHttp.Response wrongPassword = StaffHttp.as(port, "nosuchstaff", "not-the-password").post("/engine-rest/task/"
                + approval.getId() + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "xxxxxxxxxxxx"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);

        StaffHttp.Response approved = StaffHttp.as(port, "legal").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "Trade secret confirmed."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);

        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");
        assertThat(jdbc.queryForMap("select p.subject, p.decision, p.grounds, p.proposed_by, p.decided_by, p.approval"
                + " from refusal_proposal p join rights_request r on r.id = p.request_id where r.reference = ?",
                filed.reference()))
                .containsEntry("subject", "EXEMPTION_REVIEW").containsEntry("decision", "PARTIAL")
                .containsEntry("grounds", "TRADE_SECRET").containsEntry("proposed_by", DUAL)
                .containsEntry("decided_by", "legal").containsEntry("approval", "APPROVE");
        Mailbox.Mail partial = mailbox.awaitOne(ZHAO, "RESULT_PARTIALLY_COMPLETED", filed.reference());
        assertThat(partial.body())
                .contains("it involves trade secrets")
                .contains("We did not act on your request for these categories of your personal information")
                .contains("security settings (security phone and email)")
                .contains("operation logs")
                .contains("Operation logs reveal our detection rules.")
                .contains("privacy-complaints@rightsflow.invalid")
                .contains("people's court")
                .doesNotContain("Trade secret confirmed.");
    }

    @Test
    void theProposerCannotApproveTheirOwnRefusalThroughTasklistEither() {
        ensureDualUser();
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        TasklistSession dual = TasklistSession.signIn(port, DUAL, DUAL_PASSWORD);

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
        TasklistSession.Response proposed = dual.submitTaskForm(review.getId(), Map.of("decision", "REFUSE",
                "grounds", "[\"LEGAL_OBLIGATION\"]", "explanation", "A preservation order covers the account."));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(204);

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        TasklistSession.Response selfApproval = dual.submitTaskForm(approval.getId(),
                Map.of("decision", "APPROVE", "explanation", "Approving my own proposal in Tasklist."));
        assertThat(selfApproval.status()).as("Tasklist shows the rule as a form error").isGreaterThanOrEqualTo(400);
        assertThat(selfApproval.body()).contains("Four-eyes");
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);

        TasklistSession.Response approved = TasklistSession.signIn(port, "legal").submitTaskForm(approval.getId(),
                Map.of("decision", "APPROVE", "explanation", "The preservation order is on file."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        requester.awaitStatus(filed, "REFUSED");
        assertThat(mailbox.awaitOne(ZHAO, "RESULT_REFUSED", filed.reference()).body())
                .contains("A preservation order covers the account.");
    }

    /**
     * A data operator who fulfils a right by hand (a right without a connector goes to ManualFulfilmentProcess) and
     * cannot do part of it proposes a refusal of that part: through the engine REST API they cannot approve it
     * themselves even when they are also a legal reviewer, a plain data operator cannot reach the approval, and a
     * different legal reviewer approves it in Tasklist. The stored proposal names both; the approved grounds and
     * explanation become the result the requester is told.
     */
    @Test
    void aPartResultOfManualFulfilmentIsARefusalASecondPersonApproves() {
        String operatorLegal = "operatorlegal";
        ensureUser(operatorLegal, DUAL_PASSWORD, "data-operators", "legal-reviewers");
        String email = "manual-partial-" + System.nanoTime() + "@example.com";
        Accounts.account(email).phone(Accounts.uniquePhone())
                .birthDate("1980-03-03").insert(jdbc);
        RequesterJourney.Filed filed = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()))
                .file("ACCESS", email, null);
        String requestId = jdbc.queryForObject("select id from rights_request where reference = ?", String.class,
                filed.reference());
        // as CallActivity_Fulfil starts it for a right whose process is not deployed
        String manual = runtime.startProcessInstanceByKey("ManualFulfilmentProcess", filed.reference(), Map.of(
                "requestId", requestId, "reference", filed.reference(), "requestType", "ACCESS",
                "dueDate", new java.util.Date(System.currentTimeMillis() + Duration.ofDays(15).toMillis()))).getId();
        StaffHttp dual = StaffHttp.as(port, operatorLegal, DUAL_PASSWORD);

        Task fulfil = awaitTask(tasks, filed.reference(), "Task_FulfilManually");
        StaffHttp.Response noGround = dual.post("/engine-rest/task/" + fulfil.getId() + "/complete",
                StaffHttp.completion("decision", "PARTIALLY_COMPLETED", "grounds", "[]",
                        "explanation", "The archive copy could not be read."));
        assertThat(noGround.status()).as("a part refused without a ground is rejected").isEqualTo(400);
        assertThat(tasks.createTaskQuery().taskId(fulfil.getId()).count()).isEqualTo(1);
        StaffHttp.Response proposed = dual.post("/engine-rest/task/" + fulfil.getId() + "/complete",
                StaffHttp.completion("decision", "PARTIALLY_COMPLETED", "grounds", "[\"IMPRACTICAL\"]",
                        "explanation", "The 2019 archive exists only on backup tapes."));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(204);

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        assertThat(tasks.getVariable(approval.getId(), "refusalSubject")).isEqualTo("MANUAL_FULFILMENT");
        assertThat(tasks.getVariable(approval.getId(), "resultGrounds")).isEqualTo("IMPRACTICAL");
        StaffHttp.Response selfApproval = dual.post("/engine-rest/task/" + approval.getId() + "/complete",
                StaffHttp.completion("decision", "APPROVE", "explanation", "Approving my own partial result."));
        assertThat(selfApproval.status()).as("four eyes: the operator who proposed cannot approve").isEqualTo(400);
        assertThat(selfApproval.body()).contains("Four-eyes");
        StaffHttp.Response byOperator = StaffHttp.as(port, "operator").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "Not my task at all."));
        assertThat(byOperator.status()).as("a data operator has no access to the legal reviewers' task")
                .isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).as("the approval stays open").isEqualTo(1);

        TasklistSession.Response approved = TasklistSession.signIn(port, "legal").submitTaskForm(approval.getId(),
                Map.of("decision", "APPROVE", "explanation", "Backup tapes are out of reach: impractical."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(manual).finished().count() == 1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(manual)
                .activityId("EndEvent_PartlyFulfilled").count()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(manual)
                .variableName("resultGrounds").singleResult().getValue()).isEqualTo("IMPRACTICAL");
        assertThat(jdbc.queryForMap("select subject, decision, grounds, proposed_by, decided_by, approval"
                + " from refusal_proposal where request_id = ?", requestId))
                .containsEntry("subject", "MANUAL_FULFILMENT").containsEntry("decision", "PARTIAL")
                .containsEntry("grounds", "IMPRACTICAL").containsEntry("proposed_by", operatorLegal)
                .containsEntry("decided_by", "legal").containsEntry("approval", "APPROVE");
    }

    /**
     * The product's own finding — a DELETE that states no deletion ground — reaches a privacy officer as a suggested
     * ground, never as a refusal: the officer proposes the refusal in Tasklist, cannot approve it there even as a
     * legal reviewer, and only a different legal reviewer's approval over the engine REST API refuses the request.
     */
    @Test
    void aDeletionWithoutAStatedGroundIsRefusedInTasklistOnlyWhenASecondPersonApprovesOverRest() {
        ensureDualUser();
        String email = "noground-" + System.nanoTime() + "@example.com";
        Accounts.account(email).phone("+86138" + String.format("%08d", System.nanoTime() % 100_000_000L))
                .birthDate("1982-04-04").insert(jdbc);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email, null);

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
        assertThat(tasks.getVariable(review.getId(), "suggestedGrounds")).isEqualTo("DELETION_GROUND_MISSING");
        assertThat(requester.status(filed)).as("the finding refuses nothing").isEqualTo("IN_REVIEW");
        TasklistSession dual = TasklistSession.signIn(port, DUAL, DUAL_PASSWORD);
        TasklistSession.Response proposed = dual.submitTaskForm(review.getId(), Map.of("decision", "REFUSE",
                "grounds", "[\"DELETION_GROUND_MISSING\"]",
                "explanation", "No ground for deletion was stated; tell us which one applies and we will look again."));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(204);

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        TasklistSession.Response selfApproval = dual.submitTaskForm(approval.getId(),
                Map.of("decision", "APPROVE", "explanation", "Approving my own proposal in Tasklist."));
        assertThat(selfApproval.status()).isGreaterThanOrEqualTo(400);
        assertThat(selfApproval.body()).contains("Four-eyes");
        assertThat(requester.status(filed)).as("a proposal refuses nothing").isEqualTo("IN_REVIEW");

        StaffHttp.Response approved = StaffHttp.as(port, "legal").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "No ground was stated."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        requester.awaitStatus(filed, "REFUSED");
        assertThat(mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference()).body())
                .contains("the request did not state any of the legal grounds for deletion",
                        "No ground for deletion was stated; tell us which one applies")
                .doesNotContain("No ground was stated.", "After review");
    }

    /**
     * A failed transfer condition is the product's finding, put to the officer as a suggested ground: over the engine
     * REST API an officer cannot approve a transfer with a condition unticked, their REJECT is only a proposal, they
     * cannot approve it themselves (REST or Tasklist) even as a legal reviewer, a plain privacy officer cannot reach the
     * approval, and only a different legal reviewer's approval refuses the request. Nothing reaches the recipient.
     */
    @Test
    void aFailedTransferConditionIsRefusedOverRestOnlyWhenASecondPersonApproves() {
        ensureDualUser();
        String email = "transfer-four-eyes-" + System.nanoTime() + "@example.com";
        String recipient = "import-" + System.nanoTime() + "@recipient.example";
        org.rightsflow.fulfilment.copy.TestAccounts.plain(jdbc, email);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("TRANSFER", email, email,
                Map.of("recipientName", "Unknown Broker", "recipientEmail", recipient));

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
        StaffHttp.Response proceeded = StaffHttp.as(port, "officer").post("/engine-rest/task/" + review.getId()
                + "/complete", StaffHttp.completion("decision", "PROCEED",
                "explanation", "No exemption applies; the transfer conditions are checked next."));
        assertThat(proceeded.status()).as(proceeded.body()).isEqualTo(204);

        Task check = awaitTask(tasks, filed.reference(), "Task_ApproveTransfer");
        StaffHttp dual = StaffHttp.as(port, DUAL, DUAL_PASSWORD);
        StaffHttp.Response approvedAnyway = dual.post("/engine-rest/task/" + check.getId() + "/complete",
                transferDecision("APPROVE", null, "The recipient will manage somehow."));
        assertThat(approvedAnyway.status()).as("no transfer while a condition fails").isEqualTo(400);
        assertThat(approvedAnyway.body()).contains("all four conditions");
        StaffHttp.Response rejected = dual.post("/engine-rest/task/" + check.getId() + "/complete",
                transferDecision("REJECT", "[\"TRANSFER_CONDITIONS_NOT_MET\"]",
                        "The recipient could not show that it can receive the data securely."));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(204);

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        assertThat(tasks.getVariable(approval.getId(), "refusalSubject")).isEqualTo("TRANSFER");
        assertThat(tasks.getVariable(approval.getId(), "suggestedGrounds")).isEqualTo("TRANSFER_CONDITIONS_NOT_MET");
        assertThat(tasks.getVariable(approval.getId(), "reviewProposer")).isEqualTo(DUAL);
        assertThat(requester.status(filed)).as("a proposal refuses nothing").isEqualTo("IN_PROGRESS");

        StaffHttp.Response selfApproval = dual.post("/engine-rest/task/" + approval.getId() + "/complete",
                StaffHttp.completion("decision", "APPROVE", "explanation", "Approving my own rejection."));
        assertThat(selfApproval.status()).as("four eyes over REST").isEqualTo(400);
        assertThat(selfApproval.body()).contains("Four-eyes");
        TasklistSession.Response selfInTasklist = TasklistSession.signIn(port, DUAL, DUAL_PASSWORD)
                .submitTaskForm(approval.getId(), Map.of("decision", "APPROVE",
                        "explanation", "Approving my own rejection in Tasklist."));
        assertThat(selfInTasklist.status()).as("four eyes in Tasklist").isGreaterThanOrEqualTo(400);
        assertThat(selfInTasklist.body()).contains("Four-eyes");
        StaffHttp.Response byOfficer = StaffHttp.as(port, "officer").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "Not my task at all."));
        assertThat(byOfficer.status()).as("a privacy officer has no access to the legal reviewers' task")
                .isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).as("the approval stays open").isEqualTo(1);
        assertThat(requester.status(filed)).isEqualTo("IN_PROGRESS");
        assertThat(mailbox.of(email, "RESULT_REFUSED", filed.reference())).isEmpty();

        StaffHttp.Response approved = StaffHttp.as(port, "legal").post("/engine-rest/task/" + approval.getId()
                + "/complete", StaffHttp.completion("decision", "APPROVE", "explanation", "The security concern holds."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(204);
        requester.awaitStatus(filed, "REFUSED");

        assertThat(mailbox.awaitOne(email, "RESULT_REFUSED", filed.reference()).body())
                .contains("The recipient could not show that it can receive the data securely.", "people's court")
                .doesNotContain("The security concern holds.", "After review");
        assertThat(jdbc.queryForMap("select p.subject, p.decision, p.grounds, p.proposed_by, p.decided_by, p.approval"
                + " from refusal_proposal p join rights_request r on r.id = p.request_id where r.reference = ?",
                filed.reference()))
                .containsEntry("subject", "TRANSFER").containsEntry("decision", "REFUSE")
                .containsEntry("grounds", "TRANSFER_CONDITIONS_NOT_MET").containsEntry("proposed_by", DUAL)
                .containsEntry("decided_by", "legal").containsEntry("approval", "APPROVE");
        assertThat(jdbc.queryForObject("select count(*) from download d join rights_request r on r.id = d.request_id"
                + " where r.reference = ?", Integer.class, filed.reference())).as("no package is built").isZero();
        assertThat(mailbox.all().stream().filter(m -> m.to().equalsIgnoreCase(recipient)).toList()).isEmpty();
    }

    /**
     * The body Tasklist's transfer form sends: the four conditions as booleans (one, technical feasibility, unticked),
     * the decision, the grounds (a JSON list, when given) and the explanation.
     */
    private static String transferDecision(String decision, String grounds, String explanation) {
        var variables = JSON.createObjectNode();
        for (String condition : org.rightsflow.fulfilment.transfer.TransferApproval.CONDITIONS) {
            variables.putObject(condition).put("type", "Boolean").put("value",
                    !condition.equals(org.rightsflow.fulfilment.transfer.TransferApproval.TECHNICALLY_FEASIBLE));
        }
        variables.putObject("decision").put("type", "String").put("value", decision);
        variables.putObject("explanation").put("type", "String").put("value", explanation);
        if (grounds != null) {
            variables.putObject("grounds").put("type", "String").put("value", grounds);
        }
        var body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
