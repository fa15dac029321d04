package org.rightsflow.web.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.TimeSource;
import org.rightsflow.deadline.CalendarDaysPolicy;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Staff actions on the clock (docs/clock.md) through the staff API: an extension where the policy allows one moves the due
 * date, both running timer jobs and the open task (never a second timer), is recorded as an event and told to the
 * requester; a pause stops the clock with status WAITING_FOR_REQUESTER and a resume moves everything by the paused
 * duration. Staff reminders and escalations go to the members of the groups concerned.
 */
class StaffDeadlineApiTest extends PostgresIntegrationTest {

    private static final String ZHAO = "zhao.qiang@example.com";
    private static final String DUE_SOON = "StartEvent_DueSoon";
    /** Created when the due-soon timer fires, from the due date as it stands then. */
    private static final String DUE_DATE = "TimerEvent_DueDate";

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TimeSource time;

    @AfterEach
    void realTimeAgain() {
        time.useClock(Clock.systemUTC());
    }

    private Task awaitReview(String reference) {
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewExemptions")
                .singleResult();
    }

    private ProcessInstance instance(String reference) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("RightsRequestProcess")
                .processInstanceBusinessKey(reference).singleResult();
    }

    private Job timer(String reference, String activityId) {
        List<Job> jobs = management.createJobQuery().processInstanceId(instance(reference).getId()).timers()
                .activityId(activityId).list();
        assertThat(jobs).as("one timer at %s", activityId).hasSize(1);
        return jobs.get(0);
    }

    private long timers(String reference, String activityId) {
        return management.createJobQuery().processInstanceId(instance(reference).getId()).timers()
                .activityId(activityId).count();
    }

    private Instant dueAt(String reference) {
        return jdbc.queryForObject("select due_at from rights_request where reference = ?", java.sql.Timestamp.class,
                reference).toInstant();
    }

    private static String reason(String text) {
        return Api.json(Map.of("reason", text));
    }

    @Test
    void anExtensionMovesTheDueDateAndBothTimersAndTellsTheRequester() {
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        Task review = awaitReview(filed.reference());
        String path = "/staff/requests/" + filed.reference() + "/extension";
        Instant originalDue = dueAt(filed.reference());
        Job dueSoonJob = timer(filed.reference(), DUE_SOON);
        assertThat(timers(filed.reference(), DUE_DATE)).as("armed when the due date draws near").isZero();

        StaffHttp.Response anonymous = StaffHttp.anonymous(port).post(path, reason("Needs more time."));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("code").asText()).isEqualTo("AUTHENTICATION_REQUIRED");
        // (an unknown user: a wrong password would make the engine hold off that user's next sign-ins for seconds)
        assertThat(StaffHttp.as(port, "nosuchstaff", "wrong").post(path, reason("Needs more time.")).status())
                .isEqualTo(401);
        StaffHttp.Response legal = StaffHttp.as(port, "legal").post(path, reason("Needs more time."));
        assertThat(legal.status()).isEqualTo(403);
        assertThat(legal.json().get("code").asText()).isEqualTo("NOT_A_PRIVACY_OFFICER");

        StaffHttp officer = StaffHttp.as(port, "officer");
        StaffHttp.Response notAllowed = officer.post(path, reason("Needs more time."));
        assertThat(notAllowed.status()).as("PIPL_STATEMENT allows no extension").isEqualTo(409);
        assertThat(notAllowed.json().get("code").asText()).isEqualTo("EXTENSION_NOT_ALLOWED");
        assertThat(officer.post(path, "{}").json().get("code").asText()).isEqualTo("REASON_REQUIRED");
        assertThat(officer.post(path, "{\"reason\":\"x\",\"dueDate\":\"2030-01-01\"}").json().get("code").asText())
                .isEqualTo("UNKNOWN_FIELD");
        assertThat(officer.post("/staff/requests/RR-19990101-0001/extension", reason("Needs more time.")).status())
                .isEqualTo(404);
        assertThat(dueAt(filed.reference())).isEqualTo(originalDue);

        // This request was filed where the CCPA applies: 45 days, extendable once by 45 more.
        jdbc.update("update rights_request set deadline_policy = 'CCPA' where reference = ?", filed.reference());
        Instant receivedAt = jdbc.queryForObject("select received_at from rights_request where reference = ?",
                java.sql.Timestamp.class, filed.reference()).toInstant();
        Instant extended = CalendarDaysPolicy.CCPA.extendedDueDate(receivedAt).orElseThrow();

        StaffHttp.Response ok = officer.post(path, reason("The account holds data in several archived systems."));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(Instant.parse(ok.json().get("dueDate").asText())).isEqualTo(extended);
        JsonNode event = ok.json().get("event");
        assertThat(event.get("kind").asText()).isEqualTo("EXTENDED");
        assertThat(event.get("staffUser").asText()).isEqualTo("officer");
        assertThat(Instant.parse(event.get("oldDueDate").asText())).isEqualTo(originalDue);
        assertThat(Instant.parse(event.get("newDueDate").asText())).isEqualTo(extended);

        assertThat(dueAt(filed.reference())).isEqualTo(extended);
        Job movedDueSoon = timer(filed.reference(), DUE_SOON);
        assertThat(movedDueSoon.getId()).as("the same timer job, moved").isEqualTo(dueSoonJob.getId());
        assertThat(movedDueSoon.getDuedate().toInstant()).isEqualTo(extended.minus(Duration.ofDays(5)));
        assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getDueDate().toInstant())
                .isEqualTo(extended);
        assertThat(((Date) runtime.getVariable(instance(filed.reference()).getId(), "dueDate")).toInstant())
                .isEqualTo(extended);
        assertThat(jdbc.queryForList("select kind, reason, staff_user from deadline_event e join rights_request r"
                + " on r.id = e.request_id where r.reference = ?", filed.reference()))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("kind")).isEqualTo("EXTENDED");
                    assertThat(row.get("reason")).isEqualTo("The account holds data in several archived systems.");
                    assertThat(row.get("staff_user")).isEqualTo("officer");
                });

        Mailbox.Mail notice = mailbox.awaitOne(ZHAO, "DEADLINE_EXTENDED", filed.reference());
        assertThat(notice.body()).contains(NoticeFormats.dateTime(extended))
                .contains(NoticeFormats.dateTime(originalDue))
                .contains("The account holds data in several archived systems.");

        StaffHttp.Response again = officer.post(path, reason("Once more."));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ALREADY_EXTENDED");
        assertThat(management.createJobQuery().processInstanceId(instance(filed.reference()).getId()).timers().count())
                .as("never a second timer").isEqualTo(1);
        assertThat(officer.get("/staff/requests/" + filed.reference() + "/deadline-events").json()).hasSize(1);

        // when the due date draws near, its timer is created from the extended date
        management.executeJob(movedDueSoon.getId());
        assertThat(timer(filed.reference(), DUE_DATE).getDuedate().toInstant()).isEqualTo(extended);
    }

    @Test
    void aPauseStopsTheClockAndAResumeMovesItByThePausedDuration() {
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        Task review = awaitReview(filed.reference());
        Instant originalDue = dueAt(filed.reference());
        StaffHttp officer = StaffHttp.as(port, "officer");
        String base = "/staff/requests/" + filed.reference();

        assertThat(officer.post(base + "/pause", reason("Waiting for the requester to clarify the scope.")).json()
                .get("code").asText()).as("a pause asks the requester something").isEqualTo("TOPICS_REQUIRED");
        // the application's clock stands still from the pause, then moves on by exactly three hours (nobody waits)
        Instant pausedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        time.useClock(Clock.fixed(pausedAt, ZoneOffset.UTC));
        StaffHttp.Response paused = officer.post(base + "/pause", Api.json(Map.of(
                "reason", "Waiting for the requester to clarify the scope.", "needed", List.of("DATA_CATEGORIES"))));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("status").asText()).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(requester.status(filed)).isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(timer(filed.reference(), DUE_SOON).isSuspended()).as("the clock stops").isTrue();
        assertThat(officer.post(base + "/pause", Api.json(Map.of("reason", "Again.", "needed", List.of("TIME_PERIOD"))))
                .json().get("code").asText()).isEqualTo("ALREADY_PAUSED");
        assertThat(officer.post(base + "/extension", reason("More time.")).json().get("code").asText())
                .isEqualTo("REQUEST_PAUSED");

        // the requester answers three hours later
        time.useClock(Clock.fixed(pausedAt.plus(Duration.ofHours(3)), ZoneOffset.UTC));
        StaffHttp.Response resumed = officer.post(base + "/resume", reason("The requester answered."));
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asText()).isEqualTo("IN_REVIEW");

        List<Map<String, Object>> events = jdbc.queryForList("select kind, old_due_at, new_due_at, at from deadline_event e"
                + " join rights_request r on r.id = e.request_id where r.reference = ? order by e.id", filed.reference());
        assertThat(events).extracting(row -> row.get("kind")).containsExactly("PAUSED", "RESUMED");
        assertThat(((java.sql.Timestamp) events.get(0).get("at")).toInstant()).isEqualTo(pausedAt);
        assertThat(((java.sql.Timestamp) events.get(1).get("at")).toInstant())
                .isEqualTo(pausedAt.plus(Duration.ofHours(3)));
        Instant newDue = originalDue.plus(Duration.ofHours(3));
        assertThat(((java.sql.Timestamp) events.get(1).get("new_due_at")).toInstant()).isEqualTo(newDue);
        assertThat(dueAt(filed.reference())).isEqualTo(newDue);

        Job dueSoon = timer(filed.reference(), DUE_SOON);
        assertThat(dueSoon.isSuspended()).isFalse();
        assertThat(dueSoon.getDuedate().toInstant()).isEqualTo(newDue.minus(Duration.ofDays(5)));
        assertThat(((Date) runtime.getVariable(instance(filed.reference()).getId(), "dueDate")).toInstant())
                .as("what the due-date timer will be created from").isEqualTo(newDue);
        assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getDueDate().toInstant()).isEqualTo(newDue);

        List<String> history = new ArrayList<>();
        new Api(port).get("/api/requests/" + filed.reference(), "X-Status-Token", filed.token()).json().get("history")
                .forEach(h -> history.add(h.get("status").asText()));
        assertThat(history).containsSubsequence("IN_REVIEW", "WAITING_FOR_REQUESTER", "IN_REVIEW");
        assertThat(mailbox.awaitOne(ZHAO, "DEADLINE_RESUMED", filed.reference()).body())
                .contains(NoticeFormats.dateTime(newDue));
        assertThat(officer.post(base + "/resume", reason("Again.")).json().get("code").asText()).isEqualTo("NOT_PAUSED");
    }

    @Test
    void remindersGoToTheGroupOfTheOpenTaskAndEscalationsToThePrivacyOfficers() {
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        awaitReview(filed.reference());

        management.executeJob(timer(filed.reference(), DUE_SOON).getId());
        mailbox.awaitOne("officer@staff.rightsflow.invalid", "STAFF_TASK_REMINDER", filed.reference());
        mailbox.awaitOne("officer2@staff.rightsflow.invalid", "STAFF_TASK_REMINDER", filed.reference());
        assertThat(mailbox.of("legal@staff.rightsflow.invalid", "STAFF_TASK_REMINDER", filed.reference())).isEmpty();
        assertThat(mailbox.of("privacy-team@rightsflow.invalid", "STAFF_TASK_REMINDER", filed.reference()))
                .as("the shared mailbox is only the fallback").isEmpty();

        management.executeJob(timer(filed.reference(), DUE_DATE).getId());
        mailbox.awaitOne("officer@staff.rightsflow.invalid", "STAFF_DEADLINE_ESCALATION", filed.reference());
        mailbox.awaitOne("officer2@staff.rightsflow.invalid", "STAFF_DEADLINE_ESCALATION", filed.reference());
        assertThat(mailbox.of("operator@staff.rightsflow.invalid", "STAFF_DEADLINE_ESCALATION", filed.reference())).isEmpty();
    }
}
