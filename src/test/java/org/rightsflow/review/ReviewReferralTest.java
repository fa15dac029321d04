package org.rightsflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TasklistSession;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Send to review: the triage rules are not the only way in. A privacy officer sends an ordinary request (which the
 * rules would let through) to the exemption review through the staff API or a start form in Tasklist, from its filing
 * until its fulfilment starts, audited with who and why; afterwards the attempt is refused with 409 (staff API, engine
 * REST) and a form error in Tasklist.
 */
class ReviewReferralTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;

    private static String reason(String text) {
        return Api.json(Map.of("reason", text));
    }

    private long referrals(String reference) {
        return jdbc.queryForObject("select count(*) from review_referral f join rights_request r on r.id = f.request_id"
                + " where r.reference = ?", Long.class, reference);
    }

    @Test
    void aRequestReferredBeforeItsVerificationIsReviewedAndCannotBeReferredOnceItsFulfilmentStarted() {
        String email = "referral-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.file("ACCESS", email, null);
        String path = "/staff/requests/" + filed.reference() + "/review-referral";
        String why = "The caller said a court order covers this account; check before anything is disclosed.";

        assertThat(StaffHttp.anonymous(port).post(path, reason(why)).status()).isEqualTo(401);
        StaffHttp.Response legal = StaffHttp.as(port, "legal").post(path, reason(why));
        assertThat(legal.status()).isEqualTo(403);
        assertThat(legal.contentType()).startsWith("application/problem+json");
        StaffHttp officer = StaffHttp.as(port, "officer");
        assertThat(officer.post(path, "{}").json().get("code").asText()).isEqualTo("REASON_REQUIRED");
        assertThat(officer.post("/staff/requests/RR-19990101-0001/review-referral", reason(why)).status()).isEqualTo(404);
        assertThat(referrals(filed.reference())).isZero();

        StaffHttp.Response referred = officer.post(path, reason(why));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        assertThat(referred.json().get("status").asText()).as("still being verified").isEqualTo("AWAITING_VERIFICATION");
        assertThat(referred.json().at("/referral/referredBy").asText()).isEqualTo("officer");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForMap("select actor, detail from audit_entry where reference = ? and action ="
                + " 'REFERRED_TO_REVIEW'", filed.reference())).containsEntry("actor", "officer")
                .satisfies(row -> assertThat((String) row.get("detail")).contains(why));

        // verified: an ordinary adult's ACCESS, which the triage rules let through, goes to the review instead
        requester.verify(filed, email);
        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
        assertThat(tasks.getVariable(review.getId(), "referredToReview")).isEqualTo(true);
        // the triage's verdict stays in the request's own instance (the review is a called process of its own)
        assertThat(runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(filed.reference())
                .processDefinitionKey("RightsRequestProcess").singleResult().getId(), "reviewNeeded"))
                .as("the rules alone").isEqualTo(false);
        assertThat(officer.get("/staff/requests/" + filed.reference() + "/review-referrals").json())
                .singleElement().satisfies(r -> assertThat(r.get("reason").asText()).isEqualTo(why));

        TasklistSession.Response proceeded = TasklistSession.signIn(port, "officer2").submitTaskForm(review.getId(),
                Map.of("decision", "PROCEED", "explanation", "The order does not cover access by the holder."));
        assertThat(proceeded.status()).as(proceeded.body()).isEqualTo(204);
        requester.awaitStatus(filed, "COMPLETED");
        assertThat(jdbc.queryForObject("select reviewed_at is not null from review_referral f join rights_request r"
                + " on r.id = f.request_id where r.reference = ?", Boolean.class, filed.reference())).isTrue();

        // after the fulfilment started: refused everywhere, and nothing recorded
        StaffHttp.Response late = officer.post(path, reason("Too late."));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.json().get("code").asText()).isIn("FULFILMENT_STARTED", "REQUEST_CLOSED");
        StaffHttp.Response lateRest = officer.post("/engine-rest/process-definition/key/SendToReviewProcess/submit-form",
                "{\"variables\":{\"referralReference\":{\"value\":\"" + filed.reference() + "\"},\"referralReason\":"
                        + "{\"value\":\"Too late, over the engine REST API.\"}}}");
        assertThat(lateRest.status()).as(lateRest.body()).isEqualTo(409);
        TasklistSession.Response lateTasklist = TasklistSession.signIn(port, "officer").submitStartForm(
                "SendToReviewProcess", Map.of("referralReference", filed.reference(),
                        "referralReason", "Too late, from Tasklist's start form."));
        assertThat(lateTasklist.status()).as("Tasklist shows the engine's message as a form error").isGreaterThanOrEqualTo(400);
        assertThat(lateTasklist.body()).containsAnyOf("can no longer be sent to the exemption review", "is closed");
        assertThat(referrals(filed.reference())).isEqualTo(1);
    }

    @Test
    void aRequestReferredFromTasklistWhileItsFulfilmentIsAboutToStartGoesToTheReviewFirst() {
        // the triage and the start of fulfilment run in one job (Task_GatherTriageFacts): hold it (its job is created
        // suspended) so the request waits right before both
        List<JobDefinition> startFulfilment = management.createJobDefinitionQuery()
                .activityIdIn("Task_GatherTriageFacts").list();
        startFulfilment.forEach(d -> management.suspendJobDefinitionById(d.getId()));
        try {
            String email = "referral-late-" + System.nanoTime() + "@example.com";
            TestAccounts.plain(jdbc, email);
            RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
            RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(filed.reference()).processDefinitionKey("RightsRequestProcess").list()
                    .stream().anyMatch(i -> management.createJobQuery().processInstanceId(i.getId())
                            .activityId("Task_GatherTriageFacts").count() == 1));

            TasklistSession.Response started = TasklistSession.signIn(port, "officer").submitStartForm(
                    "SendToReviewProcess", Map.of("referralReference", filed.reference(),
                            "referralReason", "A regulator asked us to hold disclosures for this account."));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(referrals(filed.reference())).isEqualTo(1);

            startFulfilment.forEach(d -> management.activateJobDefinitionById(d.getId(), true));
            Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
            assertThat(tasks.getVariable(review.getId(), "referredToReview")).isEqualTo(true);
            assertThat(requester.status(filed)).isEqualTo("IN_REVIEW");
            assertThat(jdbc.queryForObject("select fulfilment_started_at is null from rights_request where reference = ?",
                    Boolean.class, filed.reference())).isTrue();
            // the referral process leaves no staff text in the engine
            assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where text_ like ?", Long.class,
                    "%regulator asked us%")).isZero();
        } finally {
            startFulfilment.forEach(d -> management.activateJobDefinitionById(d.getId(), true));
        }
    }
}
