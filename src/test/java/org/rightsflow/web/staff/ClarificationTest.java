package org.rightsflow.web.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.review.StaffHttp;
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
 * A pause asks the requester for a clarification: they are told what is needed (the topics, worded in their language;
 * never the officer's reason) and how to answer; their answer through the status page or the API runs the clock again
 * and is kept for staff only (never in a notice or the engine); 30 days without an answer close the request.
 */
class ClarificationTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;

    private static final String STAFF_REASON = "The caller mixed up two products; staff note, not for the requester.";

    /** An account under legal hold: triage sends its requests to the review, where they wait for us. */
    private String heldAccount(String prefix) {
        long n = System.nanoTime();
        String email = prefix + "-" + n + "@example.com";
        Accounts.account(email).phone("+86137" + String.format("%08d", n % 100_000_000L)).displayName("Held" + n)
                .birthDate("1990-01-01").legalHold().insert(jdbc);
        return email;
    }

    private RequesterJourney.Filed fileInReview(Api api, Mailbox mailbox, String email, String language) {
        Api.Response filed = api.post("/api/requests", Api.json(Map.of("type", "ACCESS", "accountEmail", email,
                "language", language)));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        RequesterJourney.Filed request = new RequesterJourney.Filed(filed.json().get("reference").asText(),
                filed.json().get("statusToken").asText());
        new RequesterJourney(api, mailbox).verify(request, email);
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(request.reference()).taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        return request;
    }

    private ProcessInstance instance(String reference) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("RightsRequestProcess")
                .processInstanceBusinessKey(reference).singleResult();
    }

    private StaffHttp.Response pause(StaffHttp officer, String reference, List<String> needed) {
        return officer.post("/staff/requests/" + reference + "/pause",
                Api.json(Map.of("reason", STAFF_REASON, "needed", needed)));
    }

    private Instant dueAt(String reference) {
        return jdbc.queryForObject("select due_at from rights_request where reference = ?", java.sql.Timestamp.class,
                reference).toInstant();
    }

    /** The status page's form, as a browser holding the request's status cookie sends it. */
    private HttpResponse<String> answerOnTheStatusPage(RequesterJourney.Filed filed, String answer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/privacy/status/" + filed.reference() + "/clarification"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "rf_status_" + filed.reference() + "=" + filed.token())
                .POST(HttpRequest.BodyPublishers.ofString("answer=" + URLEncoder.encode(answer, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPauseAsksTheRequesterAndTheirAnswerRunsTheClockAgain() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = heldAccount("clarify-zh");
        RequesterJourney.Filed filed = fileInReview(api, mailbox, email, "zh-CN");
        StaffHttp officer = StaffHttp.as(port, "officer");

        // nothing is asked of a request still being verified
        RequesterJourney.Filed unverified = new RequesterJourney(api, mailbox).file("ACCESS", heldAccount("clarify-unverified"), null);
        assertThat(pause(officer, unverified.reference(), List.of("DATA_CATEGORIES")).json().get("code").asText())
                .isEqualTo("NOT_VERIFIED");
        assertThat(pause(officer, filed.reference(), List.of("SHOE_SIZE")).json().get("code").asText())
                .isEqualTo("UNKNOWN_TOPIC");

        Instant dueBefore = dueAt(filed.reference());
        StaffHttp.Response paused = pause(officer, filed.reference(), List.of("DATA_CATEGORIES", "TIME_PERIOD"));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        Instant pausedAt = Instant.parse(paused.json().at("/event/at").asText());

        Mailbox.Mail asked = mailbox.awaitOne(email, "CLARIFICATION_REQUESTED", filed.reference());
        assertThat(asked.subject()).contains("补充说明");
        assertThat(asked.body()).contains("请求涉及哪些类别的个人信息", "请求涉及的时间范围", "答复期限暂停计算",
                        NoticeFormats.dateTime(pausedAt.plus(Duration.ofDays(30))),
                        "/privacy/status/" + filed.reference(), "/api/requests/" + filed.reference() + "/clarification")
                .doesNotContain(STAFF_REASON, "caller")
                .as("the emailed link opens the page by itself: the status key (which shows status only) is not asked for")
                .doesNotContain("状态密钥", "status key");
        // the engine waits for the answer with a 30-day timer, beside the open review
        Job close = management.createJobQuery().processInstanceId(instance(filed.reference()).getId())
                .activityId("BoundaryEvent_ClarificationUnanswered").singleResult();
        assertThat(close.getDuedate().toInstant()).isEqualTo(pausedAt.plus(Duration.ofDays(30)));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_ReviewExemptions").count()).isEqualTo(1);

        // the status page shows what is asked and takes the answer
        String page = api.get("/privacy/status/" + filed.reference(), "Cookie",
                "rf_status_" + filed.reference() + "=" + filed.token(), "Accept-Language", "zh-CN").text();
        assertThat(page).contains("请求涉及哪些类别的个人信息", "name=\"answer\"");
        HttpResponse<String> empty = answerOnTheStatusPage(filed, "   ");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("error-summary");
        String answer = "只涉及2025年的消费账单和发票信息 (answer-" + System.nanoTime() + ")";
        HttpResponse<String> sent = answerOnTheStatusPage(filed, answer);
        assertThat(sent.statusCode()).as("back to the status page").isEqualTo(302);

        assertThat(new RequesterJourney(api, mailbox).status(filed)).isEqualTo("IN_REVIEW");
        Instant resumedAt = jdbc.queryForObject("select max(at) from deadline_event e join rights_request r on"
                + " r.id = e.request_id where r.reference = ? and kind = 'RESUMED'", java.sql.Timestamp.class,
                filed.reference()).toInstant();
        Instant dueAfter = dueAt(filed.reference());
        assertThat(dueAfter).isEqualTo(dueBefore.plus(Duration.between(pausedAt, resumedAt)));
        assertThat(management.createJobQuery().processInstanceId(instance(filed.reference()).getId())
                .activityId("BoundaryEvent_ClarificationUnanswered").count()).as("the wait ended").isZero();
        // the clock's timer runs again, moved; the due-date timer will be created from the moved due date
        assertThat(management.createJobQuery().processInstanceId(instance(filed.reference()).getId())
                .activityId("StartEvent_DueSoon").singleResult().isSuspended()).isFalse();
        assertThat(runtime.getVariable(instance(filed.reference()).getId(), "dueDate")).isEqualTo(Date.from(dueAfter));

        Mailbox.Mail resumed = mailbox.awaitOne(email, "DEADLINE_RESUMED", filed.reference());
        assertThat(resumed.body()).contains(NoticeFormats.dateTime(dueAfter)).doesNotContain(answer);
        assertThat(mailbox.all().stream().filter(m -> m.body().contains(answer)).toList())
                .as("the answer is never echoed in a notice").isEmpty();
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(answer, STAFF_REASON)))
                .as("neither the answer nor the staff reason reaches the engine").isEmpty();

        // staff read the answer (audited); other groups cannot
        assertThat(StaffHttp.as(port, "legal").get("/staff/requests/" + filed.reference() + "/clarifications").status())
                .isEqualTo(403);
        StaffHttp.Response read = officer.get("/staff/requests/" + filed.reference() + "/clarifications");
        assertThat(read.json()).singleElement().satisfies(c -> {
            assertThat(c.get("answer").asText()).isEqualTo(answer);
            assertThat(c.get("ended").asText()).isEqualTo("ANSWERED");
            assertThat(c.get("needed").toString()).contains("DATA_CATEGORIES", "TIME_PERIOD");
        });
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                filed.reference())).containsSubsequence("CLARIFICATION_REQUESTED", "CLARIFICATION_ANSWERED",
                "DEADLINE_RESUMED", "CLARIFICATIONS_READ");

        // a second question, answered through the API: bad input is a clear problem and changes nothing
        assertThat(pause(officer, filed.reference(), List.of("SERVICES")).status()).isEqualTo(200);
        String apiPath = "/api/requests/" + filed.reference() + "/clarification";
        Api.Response wrongToken = api.post(apiPath, Api.json(Map.of("answer", "x")), "X-Status-Token", "nope");
        assertThat(wrongToken.status()).isEqualTo(404);
        Api.Response unknownField = api.post(apiPath, "{\"answer\":\"x\",\"email\":\"a@b.c\"}", "X-Status-Token",
                filed.token());
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.contentType()).startsWith("application/problem+json");
        assertThat(unknownField.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        Api.Response tooLong = api.post(apiPath, Api.json(Map.of("answer", "x".repeat(2001))), "X-Status-Token",
                filed.token());
        assertThat(tooLong.json().get("code").asText()).isEqualTo("ANSWER_TOO_LONG");
        assertThat(new RequesterJourney(api, mailbox).status(filed)).isEqualTo("WAITING_FOR_REQUESTER");
        Api.Response answered = api.post(apiPath, Api.json(Map.of("answer", "Only the cloud server product.")),
                "X-Status-Token", filed.token());
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(answered.json().get("status").asText()).isEqualTo("IN_REVIEW");
        Api.Response again = api.post(apiPath, Api.json(Map.of("answer", "Once more.")), "X-Status-Token", filed.token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("NO_CLARIFICATION_PENDING");
    }

    @Test
    void thirtyDaysWithoutAnAnswerCloseTheRequestWithANotice() {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = heldAccount("clarify-en");
        RequesterJourney.Filed filed = fileInReview(api, mailbox, email, "en");
        StaffHttp.Response paused = pause(StaffHttp.as(port, "officer"), filed.reference(), List.of("REQUEST_TYPE"));
        Instant pausedAt = Instant.parse(paused.json().at("/event/at").asText());
        Mailbox.Mail asked = mailbox.awaitOne(email, "CLARIFICATION_REQUESTED", filed.reference());
        assertThat(asked.body()).contains("which right you want to exercise", "the time limit for answering your request"
                + " is paused").doesNotContain(STAFF_REASON);

        // the timer is the BPMN timer Cockpit shows, due 30 days after the pause; its job runs (no waiting 30 days)
        String instanceId = instance(filed.reference()).getId();
        Job close = management.createJobQuery().processInstanceId(instanceId)
                .activityId("BoundaryEvent_ClarificationUnanswered").singleResult();
        assertThat(close.getDuedate().toInstant()).isEqualTo(pausedAt.plus(Duration.ofDays(30)));
        management.executeJob(close.getId());

        RequesterJourney requester = new RequesterJourney(api, mailbox);
        requester.awaitStatus(filed, "WITHDRAWN");
        Mailbox.Mail closed = mailbox.awaitOne(email, "CLARIFICATION_UNANSWERED", filed.reference());
        assertThat(closed.body()).contains(NoticeFormats.dateTime(pausedAt), "within 30 days", "/privacy");
        await().atMost(Duration.ofSeconds(60)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(instanceId).finished().count() == 1);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_ClosedUnanswered");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(filed.reference()).count()).isZero();
        assertThat(jdbc.queryForObject("select ended from clarification c join rights_request r on r.id = c.request_id"
                + " where r.reference = ?", String.class, filed.reference())).isEqualTo("UNANSWERED");
    }
}
