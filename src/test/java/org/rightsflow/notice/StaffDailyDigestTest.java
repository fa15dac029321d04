package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.rightsflow.process.model.StaffDailyDigestModel;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily digest in the running application: the real timer start job of the digest process, the job executor,
 * the outbox and SMTP. Two requests wait for the privacy officers (one made overdue); each officer gets one digest
 * that lists the new one under "new" and the overdue one under "overdue". A second run the same day (a retry, a
 * second node) sends nothing more.
 */
class StaffDailyDigestTest extends PostgresIntegrationTest {

    private static final List<String> OFFICERS = List.of("officer@staff.rightsflow.invalid", "officer2@staff.rightsflow.invalid");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;

    private final Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

    @Test
    void eachOfficerGetsOneDigestOfTheGroupsNewAndOverdueTasksAndASecondRunTheSameDaySendsNothing() {
        // A digest already stored today in this shared database (the scheduled one fires at 08:00 Beijing time when a
        // run crosses it) would make today's run a repeat that rightly sends nothing: start the day clean.
        jdbc.update("delete from notice_outbox where dedup_key like ?",
                "staff-digest:privacy-officers:" + LocalDate.now(ZoneId.of("Asia/Shanghai")) + ":%");
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        String fresh = reviewWaitingForOfficers(requester);
        String late = reviewWaitingForOfficers(requester);
        Task lateTask = tasks.createTaskQuery().processInstanceBusinessKey(late).singleResult();
        tasks.setDueDate(lateTask.getId(), Date.from(java.time.Instant.parse("2001-01-01T00:00:00Z")));

        runTheDigestNow();
        for (String officer : OFFICERS) {
            Mailbox.Mail digest = mailbox.awaitOne(officer, "STAFF_DAILY_DIGEST", fresh);
            String newPart = digest.body().substring(0, digest.body().indexOf("已逾期的任务"));
            String overduePart = digest.body().substring(digest.body().indexOf("已逾期的任务"));
            assertThat(digest.subject()).startsWith("[Rightsflow] 隐私官 ");
            assertThat(newPart).contains("- " + fresh + " · 豁免审核 · Review exemptions · 查阅个人信息 · 到期 ");
            assertThat(overduePart).contains("- " + late + " · 豁免审核 · Review exemptions · 查阅个人信息 · 到期 2001-01-01 08:00");
            assertThat(overduePart).doesNotContain(fresh);
        }

        // the same day again (a retried job, a second node, a restart): the outbox keeps the first, nothing is sent
        runTheDigestNow();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        // other tests in this shared context may add officers (with or without an address): one digest per addressed member
        long addressedOfficers = identity.createUserQuery().memberOfGroup("privacy-officers").list().stream()
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank()).count();
        assertThat(addressedOfficers).isGreaterThanOrEqualTo(OFFICERS.size());
        assertThat(jdbc.queryForObject("select count(*) from notice_outbox where dedup_key like ?", Long.class,
                "staff-digest:privacy-officers:" + today + ":%")).isEqualTo(addressedOfficers);
        for (String officer : OFFICERS) {
            assertThat(mailbox.of(officer, "STAFF_DAILY_DIGEST", fresh)).as(officer).hasSize(1);
        }
        assertThat(mailbox.all()).filteredOn(mail -> mail.kind().equals("STAFF_DAILY_DIGEST"))
                .allSatisfy(mail -> assertThat(mail.body()).doesNotContain("@example.com"));
    }

    /** A request on legal hold: triage sends it to the privacy officers' exemption review. */
    private String reviewWaitingForOfficers(RequesterJourney requester) {
        String email = "digest-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Held Account").legalHold().insert(jdbc);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);
        requester.awaitStatus(filed, "IN_REVIEW");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(filed.reference()).count() == 1);
        return filed.reference();
    }

    /** Fires the waiting timer start job now, as the job executor would at the digest time, and waits for the end. */
    private void runTheDigestNow() {
        // Usually one timer. A timer start job that failed once (other tests in this shared context move the engine's
        // clock, so the job executor may fire it at a bad moment) leaves the engine's repeating-failed-job successor
        // beside it; the outbox's dedup key keeps those runs from mailing twice. Fire the next healthy one.
        Job timer = nextHealthyTimer();
        long finishedBefore = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(StaffDailyDigestModel.PROCESS_ID).finished().count();
        management.executeJob(timer.getId());
        await().atMost(Duration.ofSeconds(90)).until(() -> history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(StaffDailyDigestModel.PROCESS_ID).finished().count() == finishedBefore + 1);
        assertThat(nextHealthyTimer().getDuedate()).as("the next digest waits for tomorrow morning").isAfter(new Date());
    }

    private Job nextHealthyTimer() {
        return management.createJobQuery().processDefinitionKey(StaffDailyDigestModel.PROCESS_ID).timers()
                .withRetriesLeft().orderByJobDuedate().asc().list().stream()
                .filter(job -> job.getExceptionMessage() == null).findFirst().orElseThrow();
    }
}
