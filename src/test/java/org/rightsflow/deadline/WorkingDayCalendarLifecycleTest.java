package org.rightsflow.deadline;

import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.process.setup.TasklistSetup.TaskFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.TimeSource;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.process.model.AccountCancellationModel;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A year without official working-day calendar data, end to end on PostgreSQL: requests whose counts reach it run
 * to their normal end without an incident; health and the staff mailbox warn while the data runs out; a calendar file
 * loaded at run time (the test fixture's 2027, not the official arrangement) clears the provisional flags and keeps
 * the promised dates; a malformed file is rejected, names its line and changes nothing.
 */
class WorkingDayCalendarLifecycleTest extends PostgresIntegrationTest {

    private static final String STAFF_MAILBOX = "privacy-team@rightsflow.invalid";

    @LocalServerPort
    int port;
    @Autowired
    TimeSource time;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;
    @Autowired
    IdentityService identity;
    @Autowired
    DeadlineService deadlines;
    @Autowired
    MainlandCalendar calendar;
    @Autowired
    CalendarNotices calendarNotices;
    @Autowired
    org.rightsflow.process.setup.TasklistSetup tasklistSetup;

    private final Path calendarFile = TestInfrastructure.calendarFile();

    @AfterEach
    void restore() throws Exception {
        identity.clearAuthentication();
        time.useClock(Clock.systemUTC());
        Files.deleteIfExists(calendarFile);
        calendar.reload();
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026);
    }

    /** The application's clock at a Shanghai wall-clock time; it keeps running from there. */
    private Instant clockAt(String shanghaiDateTime) {
        Instant target = LocalDateTime.parse(shanghaiDateTime).atZone(DeadlineDays.ZONE).toInstant();
        time.useClock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), target)));
        return target;
    }

    private static Instant endOfShanghaiDay(String day) {
        return java.time.LocalDate.parse(day).atTime(23, 59, 59).atZone(DeadlineDays.ZONE).toInstant();
    }

    private StaffHttp admin() {
        return StaffHttp.as(port, "admin", "admin");
    }

    private JsonNode status(Api api, RequesterJourney.Filed filed) {
        return api.get("/api/requests/" + filed.reference(), "X-Status-Token", filed.token()).json();
    }

    private void assertNoIncident(String reference) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).list();
        assertThat(instances).isNotEmpty();
        for (HistoricProcessInstance instance : instances) {
            assertThat(history.createHistoricIncidentQuery().processInstanceId(instance.getId()).count())
                    .as("incidents of %s (%s)", reference, instance.getProcessDefinitionKey()).isZero();
        }
    }

    private void proceedWhenReviewed(String reference) {
        for (Task review : tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").list()) {
            StaffSignIn.as(identity, "officer");
            tasks.complete(review.getId(), org.camunda.bpm.engine.variable.Variables.createVariables()
                    .putValue("decision", "PROCEED").putValue("explanation", "Verified; nothing stands in the way."));
            identity.clearAuthentication();
        }
    }

    private Task awaitReview(String reference) {
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewExemptions")
                .singleResult();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void requestsWhoseCountsReachAYearWithoutDataRunToTheirNormalEndWithoutAnIncident() {
        for (String[] when : List.of(new String[] {"2026-12-21T10:00", "2027-01-05", "1"},
                new String[] {"2027-06-01T10:00", "2027-06-16", "2"})) {
            clockAt(when[0]);
            Api api = new Api(port);
            Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
            RequesterJourney requester = new RequesterJourney(api, mailbox);
            ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
            Instant due = endOfShanghaiDay(when[1]);

            // ACCESS: no working-day bound is involved
            String accessEmail = ErasureTestAccounts.uniqueEmail("calendar-access");
            accounts.account(accessEmail, "+861392222301" + when[2]);
            RequesterJourney.Filed access = requester.fileAndVerify("ACCESS", accessEmail, accessEmail, null);

            // CANCEL_ACCOUNT: its 15-working-day bound counts days of 2027, which the data does not hold
            String cancelEmail = ErasureTestAccounts.uniqueEmail("calendar-cancel");
            String phone = "+861392222302" + when[2];
            long cancelled = accounts.account(cancelEmail, phone);
            accounts.fillEveryCategory(cancelled);
            RequesterJourney.Filed cancel = requester.fileAndVerify("CANCEL_ACCOUNT", cancelEmail, cancelEmail, null);
            JsonNode cancelStatus = status(api, cancel);
            assertThat(Instant.parse(cancelStatus.get("dueDate").asText())).isEqualTo(due);
            // 15 calendar days are stricter than any 15 working days can be (the assumed count ends on or after
            // them), so the date is certain: nothing to mark provisional
            assertThat(cancelStatus.get("dueDateProvisional").asBoolean()).isFalse();

            proceedWhenReviewed(access.reference());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                proceedWhenReviewed(access.reference());
                return "COMPLETED".equals(requester.status(access));
            });
            awaitReview(cancel.reference());
            proceedWhenReviewed(cancel.reference());
            mailbox.awaitOne(cancelEmail, "CANCELLATION_COOLING_OFF", cancel.reference());
            // the bound was computed (it threw before, in Task_CheckBlockers) and the stricter due date kept
            Instant bound = jdbc.queryForObject("select cancellation_deadline from account_cancellation c join"
                    + " rights_request r on r.id = c.request_id where r.reference = ?", java.sql.Timestamp.class,
                    cancel.reference()).toInstant();
            assertThat(bound).isEqualTo(due);
            String cancellationInstance = runtime.createProcessInstanceQuery()
                    .processDefinitionKey(AccountCancellationModel.PROCESS_ID)
                    .processInstanceBusinessKey(cancel.reference()).singleResult().getId();
            await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery()
                    .processInstanceId(cancellationInstance)
                    .activityId(AccountCancellationModel.TIMER_EVENT_COOLING_OFF_ENDS).count() == 1);
            management.executeJob(management.createJobQuery().processInstanceId(cancellationInstance)
                    .activityId(AccountCancellationModel.TIMER_EVENT_COOLING_OFF_ENDS).singleResult().getId());
            requester.awaitStatus(cancel, "COMPLETED");
            mailbox.awaitOne(cancelEmail, "CANCELLATION_CERTIFICATE", cancel.reference());

            JsonNode accessStatus = status(api, access);
            assertThat(Instant.parse(accessStatus.get("dueDate").asText())).isEqualTo(due);
            assertThat(accessStatus.get("dueDateProvisional").asBoolean()).isFalse();
            assertNoIncident(access.reference());
            assertNoIncident(cancel.reference());
        }
    }

    @Test
    void healthAndTheStaffMailboxWarnWhileTheDataRunsOutOncePerEvent() {
        clockAt("2026-12-06T09:00");
        JsonNode health = new Api(port).get("/actuator/health/calendar").json();
        assertThat(health.get("status").asText()).isEqualTo("WARNING");
        JsonNode details = health.at("/components/workingDayCalendar/details");
        assertThat(details.get("coveredUntil").asText()).isEqualTo("2026-12-31");
        assertThat(details.get("daysLeft").asInt()).isEqualTo(25);
        assertThat(details.get("warning").asText()).contains("add the official arrangement for 2027");
        Api.Response overall = new Api(port).get("/actuator/health");
        assertThat(overall.status()).as("still serving").isEqualTo(200);
        assertThat(overall.json().get("status").asText()).isEqualTo("WARNING");

        calendarNotices.check();
        calendarNotices.check();
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        Mailbox.Mail notice = mailbox.awaitOne(STAFF_MAILBOX, "STAFF_CALENDAR_ENDING", "2027");
        assertThat(notice.subject()).isEqualTo("[Rightsflow] Working-day calendar: add the official arrangement for 2027");
        assertThat(notice.body()).contains("runs out on 2026-12-31", calendarFile.toString(), "/staff/calendar/reload");
        // once per event: this application stored one notice for it, however often it checked (the shared mail
        // server may also hold one from the suite's other application context, with its own database)
        assertThat(jdbc.queryForObject("select count(*) from notice_outbox where kind = 'STAFF_CALENDAR_ENDING'"
                + " and subject like '%2027%'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aCalendarFileLoadedAtRunTimeClearsTheFlagAndTheDateStays() throws Exception {
        Instant receivedAt = clockAt("2026-12-21T10:00");
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(api, mailbox);
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc);
        String email = ErasureTestAccounts.uniqueEmail("calendar-flag");
        accounts.account(email, "+8613922223003");
        RequesterJourney.Filed filed = requester.fileAndVerify("CANCEL_ACCOUNT", email, email, null);
        Task review = awaitReview(filed.reference());

        // As a deployment whose policies are [GDPR] files it: a month is longer than 15 working days, so the
        // cancellation's working-day count sets the date, and it counts days of 2027 (every one of them).
        Deadline provisional = deadlines.deadlineFor(receivedAt, List.of("GDPR", WorkingDaysPolicy.CN_WORKING_DAYS));
        assertThat(provisional.provisional()).isTrue();
        assertThat(provisional.dueAt()).isEqualTo(endOfShanghaiDay("2027-01-07"));
        flagAs(filed.reference(), provisional);
        assertThat(status(api, filed).get("dueDateProvisional").asBoolean()).isTrue();
        // staff see it: the officers' Tasklist filter of provisional due dates lists the review task
        assertThat(provisionalTaskIds("privacy-officers")).contains(review.getId());

        // One whose count reaches 2028 stays provisional when 2027 arrives.
        clockAt("2027-12-20T10:00");
        String later = ErasureTestAccounts.uniqueEmail("calendar-later");
        accounts.account(later, "+8613922223004");
        RequesterJourney.Filed stillProvisional = requester.file("ACCESS", later, null);
        Deadline into2028 = deadlines.deadlineFor(clockAtInstant(), List.of(WorkingDaysPolicy.CN_WORKING_DAYS));
        flagAs(stillProvisional.reference(), into2028);
        clockAt("2026-12-22T10:00");

        Files.writeString(calendarFile, String.join("\n", CalendarFixtures.fixture2027()), StandardCharsets.UTF_8);
        StaffHttp.Response notAdmin = StaffHttp.as(port, "officer").post("/staff/calendar/reload", "");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(notAdmin.json().get("detail").asText()).contains("camunda-admin");
        assertThat(StaffHttp.anonymous(port).post("/staff/calendar/reload", "").status()).isEqualTo(401);
        StaffHttp.Response reloaded = admin().post("/staff/calendar/reload", "");
        assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
        assertThat(reloaded.json().get("coveredYears").toString()).isEqualTo("[2025,2026,2027]");
        assertThat(reloaded.json().get("fileState").asText()).isEqualTo("LOADED");
        assertThat(reloaded.json().get("warning").asBoolean()).isFalse();

        JsonNode after = status(api, filed);
        assertThat(after.get("dueDateProvisional").asBoolean()).isFalse();
        assertThat(Instant.parse(after.get("dueDate").asText())).as("the promised date stays")
                .isEqualTo(provisional.dueAt());
        assertThat(runtime.getVariable(instanceOf(filed.reference()), "dueDateProvisional")).isEqualTo(false);
        assertThat(provisionalTaskIds("privacy-officers")).doesNotContain(review.getId());
        assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getDueDate())
                .isEqualTo(Date.from(provisional.dueAt()));
        JsonNode events = StaffHttp.as(port, "officer").get("/staff/requests/" + filed.reference()
                + "/deadline-events").json();
        JsonNode confirmed = events.get(events.size() - 1);
        assertThat(confirmed.get("kind").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("staffUser").asText()).isEqualTo("system");
        assertThat(confirmed.get("oldDueDate").asText()).isEqualTo(confirmed.get("newDueDate").asText());
        // with the fixture's 2027 (New Year's Day off, weekends off) the count ends on Jan 12, later than promised
        assertThat(confirmed.get("reason").asText()).contains(endOfShanghaiDay("2027-01-12").toString(),
                "the promised due date stays");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action ="
                + " 'DUE_DATE_CONFIRMED'", Long.class, filed.reference())).isEqualTo(1);
        assertThat(status(api, stillProvisional).get("dueDateProvisional").asBoolean())
                .as("its count still reaches 2028").isTrue();

        // reloading again changes nothing more
        assertThat(admin().post("/staff/calendar/reload", "").status()).isEqualTo(200);
        assertThat(StaffHttp.as(port, "officer").get("/staff/requests/" + filed.reference() + "/deadline-events")
                .json().size()).isEqualTo(events.size());

        withdraw(api, filed);
        withdraw(api, stillProvisional);
    }

    @Test
    void aMalformedFileIsRejectedNamingItsLineAndChangesNothing() throws Exception {
        clockAt("2026-12-06T09:00");
        List<String> lines = new ArrayList<>(CalendarFixtures.fixture2027());
        lines.add("2027-10-08 OFF National Day");
        lines.add("2027-10-08 WORK oops");
        Files.writeString(calendarFile, String.join("\n", lines), StandardCharsets.UTF_8);

        StaffHttp.Response rejected = admin().post("/staff/calendar/reload", "");
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.json().get("code").asText()).isEqualTo("CALENDAR_FILE_REJECTED");
        assertThat(rejected.json().get("detail").asText()).isEqualTo(calendarFile.toAbsolutePath() + " line 26:"
                + " 2027-10-08 is already listed on line 25 (a day cannot be both OFF and WORK) — the data in force"
                + " did not change (years [2025, 2026])");
        assertThat(calendar.get().coveredYears()).containsExactly(2025, 2026);
        assertThat(calendar.get().isWorkingDay(java.time.LocalDate.of(2027, 2, 8))).as("2027 still assumed").isTrue();

        JsonNode state = StaffHttp.as(port, "officer").get("/staff/calendar").json();
        assertThat(state.get("fileState").asText()).isEqualTo("REJECTED");
        assertThat(state.get("fileProblem").asText()).contains("line 26");
        JsonNode health = new Api(port).get("/actuator/health/calendar").json();
        assertThat(health.at("/components/workingDayCalendar/details/fileState").asText()).isEqualTo("REJECTED");
        assertThat(health.toString()).doesNotContain(calendarFile.toString());

        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        Mailbox.Mail notice = mailbox.awaitOne(STAFF_MAILBOX, "STAFF_CALENDAR_REJECTED", "line 26");
        assertThat(notice.body()).contains("The data in force before stays in force (years covered: [2025, 2026])");
        assertThat(admin().post("/staff/calendar/reload", "").status()).isEqualTo(422);
        calendarNotices.check();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                mailbox.of(STAFF_MAILBOX, "STAFF_CALENDAR_REJECTED", "line 26").size() == 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTasklistFilterFromAnEarlierVersionGetsTheProvisionalColumnAndTheChineseLabels() {
        Filter open = filters.createFilterQuery().filterName(OFFICERS_OPEN).singleResult();
        open.setName("Privacy officers"); // as earlier versions named it
        Map<String, Object> properties = new java.util.HashMap<>(open.getProperties());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Map<String, Object> column : (List<Map<String, Object>>) properties.get("variables")) {
            if (!"dueDateProvisional".equals(column.get("name"))) {
                Map<String, Object> english = new java.util.HashMap<>(column);
                english.put("label", "reference".equals(column.get("name")) ? "Reference" : column.get("label"));
                columns.add(english);
            }
        }
        properties.put("variables", columns);
        properties.put("description", "Open tasks of Privacy officers");
        filters.saveFilter(open.setProperties(properties));

        tasklistSetup.setUp();

        assertThat(filters.getFilter(open.getId()).getName()).as("renamed, the same filter (its grants kept)")
                .isEqualTo("隐私官 · Privacy officers");
        Map<String, Object> upgraded = filters.getFilter(open.getId()).getProperties();
        List<Map<String, Object>> after = (List<Map<String, Object>>) upgraded.get("variables");
        assertThat(after).extracting(column -> column.get("name"))
                .containsExactly("reference", "requestType", "dueDate", "dueDateProvisional");
        // Tasklist shows the stored labels in any language: they are in both
        assertThat(after).extracting(column -> column.get("label"))
                .containsExactly("申请编号 · Reference", "权利 · Type", "截止 · Due", "截止日期暂定 · Due date provisional");
        assertThat(upgraded.get("description")).isEqualTo("隐私官的待办任务 · Open tasks of Privacy officers");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final String OFFICERS_OPEN = TaskFilter.OPEN.nameFor(StaffGroups.PRIVACY_OFFICERS);

    private Instant clockAtInstant() {
        return time.now();
    }

    /** Stores a deadline on the request as the intake would have under other policies (rows and variables). */
    private void flagAs(String reference, Deadline deadline) {
        jdbc.update("update rights_request set due_at = ?, reminder_at = ?, deadline_policy = ?,"
                        + " due_date_provisional = ? where reference = ?",
                java.sql.Timestamp.from(deadline.dueAt()), java.sql.Timestamp.from(deadline.reminderAt()),
                deadline.policyCode(), deadline.provisional(), reference);
        String instance = instanceOf(reference);
        runtime.setVariable(instance, "dueDate", Date.from(deadline.dueAt()));
        runtime.setVariable(instance, "dueDateProvisional", deadline.provisional());
        // as if filed so: the processes the request called (the exemption review) got their copy when called
        for (org.camunda.bpm.engine.runtime.ProcessInstance called : runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).active().list()) {
            if (!called.getId().equals(instance) && runtime.getVariableLocal(called.getId(), "dueDate") != null) {
                runtime.setVariableLocal(called.getId(), "dueDate", Date.from(deadline.dueAt()));
                runtime.setVariableLocal(called.getId(), "dueDateProvisional", deadline.provisional());
            }
        }
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference).list()) {
            task.setDueDate(Date.from(deadline.dueAt()));
            tasks.saveTask(task);
        }
    }

    private String instanceOf(String reference) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("RightsRequestProcess")
                .processInstanceBusinessKey(reference).singleResult().getId();
    }

    private List<String> provisionalTaskIds(String group) {
        Filter filter = filters.createFilterQuery().filterName(TaskFilter.PROVISIONAL.nameFor(StaffGroups.PRIVACY_OFFICERS))
                .singleResult();
        assertThat(filter).as("the officers' filter of provisional due dates").isNotNull();
        assertThat(filter.getProperties().get("variables").toString()).contains("dueDateProvisional");
        List<Task> listed = filters.list(filter.getId());
        return listed.stream().map(Task::getId).toList();
    }

    private static void withdraw(Api api, RequesterJourney.Filed filed) {
        Api.Response withdrawn = api.post("/api/requests/" + filed.reference() + "/withdrawal", "",
                "X-Status-Token", filed.token());
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    }
}
