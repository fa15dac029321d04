package org.rightsflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.TimeSource;
import org.rightsflow.demo.DemoAccounts;
import org.rightsflow.support.Accounts;
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
 * Identity verification through the requester API, with the codes read from the emails (and text messages, which
 * the default SMS channel delivers as emails to sms+digits@demo.invalid) that really arrived at GreenMail.
 */
class IdentityVerificationTest extends PostgresIntegrationTest {

    static final String SMS = "VERIFICATION_SMS";
    static final String EMAIL_CODE = "VERIFICATION_CODE";

    @LocalServerPort
    int port;
    @Autowired
    TimeSource time;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;

    @AfterEach
    void restore() {
        time.useClock(Clock.systemUTC());
        identity.clearAuthentication();
    }

    private Api api() {
        return new Api(port);
    }

    private Mailbox mailbox() {
        return new Mailbox(TestInfrastructure.mail());
    }

    private RequesterJourney requester() {
        return new RequesterJourney(api(), mailbox());
    }

    private void moveClock(Duration ahead) {
        time.useClock(Clock.offset(Clock.systemUTC(), ahead));
    }

    private Api.Response submit(RequesterJourney.Filed filed, String code) {
        return api().post("/api/requests/" + filed.reference() + "/verification", Api.json(Map.of("code", code)),
                "X-Status-Token", filed.token());
    }

    private Api.Response resend(RequesterJourney.Filed filed) {
        return api().post("/api/requests/" + filed.reference() + "/verification/resend", "", "X-Status-Token", filed.token());
    }

    private void awaitWaitingForCode(String reference) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createExecutionQuery()
                .processInstanceBusinessKey(reference).activityId("ReceiveTask_AwaitVerification").count() == 1);
    }

    /** The code of the n-th message (1-based) of a kind to a recipient about a request. */
    private String nthCode(String to, String kind, String reference, int n) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mailbox().of(to, kind, reference).size() >= n);
        return Mailbox.codeIn(mailbox().of(to, kind, reference).get(n - 1));
    }

    private static String otherThan(String... codes) {
        for (int candidate = 100000; ; candidate++) {
            String value = String.valueOf(candidate);
            if (!List.of(codes).contains(value)) {
                return value;
            }
        }
    }

    record Account(long id, String email, String phone) {
        String sms() {
            return "sms+" + phone.substring(1) + "@demo.invalid";
        }
    }

    /**
     * An adult account of this test's own: verified requests change the repetition counts that triage reads, so
     * they are never made for the demo accounts whose triage other tests rely on.
     */
    private Account ownAccount(String prefix, Instant contactChangedAt) {
        long nano = System.nanoTime();
        String email = prefix + "-" + nano + "@example.com";
        String phone = "+86139" + String.format("%08d", nano % 100_000_000L);
        long id = Accounts.account(email).phone(phone).birthDate("1990-01-01").contactChangedAt(contactChangedAt)
                .insert(jdbc);
        return new Account(id, email, phone);
    }

    /** With real-name data on file: copies of it are sensitive and need level 2. */
    private Account ownAccountWithRealName(String prefix) {
        Account account = ownAccount(prefix, null);
        jdbc.update("""
                insert into account_real_name (account_id, full_name, id_type, id_number, verification_method, verified_at)
                values (?, ?, 'RESIDENT_ID', ?, 'FACE', current_timestamp)""", account.id(), "Test Holder " + account.id(),
                "ID" + System.nanoTime());
        return account;
    }

    private List<String> auditActions(String reference) {
        AuditWaits.awaitChained(jdbc);
        return jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class, reference);
    }

    private String requestId(String reference) {
        return jdbc.queryForObject("select id from rights_request where reference = ?", String.class, reference);
    }

    // ------------------------------------------------------------------ level 2

    @Test
    void levelTwoNeedsTheEmailCodeAndTheTextMessageCode() {
        // real-name data on file: a copy needs both factors
        Account holder = ownAccountWithRealName("copy-level2");
        RequesterJourney.Filed filed = requester().file("COPY", holder.email(), null);
        String emailCode = nthCode(holder.email(), EMAIL_CODE, filed.reference(), 1);
        String smsCode = nthCode(holder.sms(), SMS, filed.reference(), 1);
        assertThat(mailbox().of(holder.sms(), SMS, filed.reference()).get(0).body()).doesNotContain(holder.email());

        Api.Response first = submit(filed, emailCode);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.text()).isEqualTo("{\"status\":\"AWAITING_VERIFICATION\",\"pendingFactors\":[\"SMS\"]}");
        assertThat(requester().status(filed)).isEqualTo("AWAITING_VERIFICATION");

        Api.Response reused = submit(filed, emailCode);
        assertThat(reused.status()).as("a used code never works again").isEqualTo(422);
        assertThat(reused.json().get("attemptsLeft").asInt()).isEqualTo(4);

        Api.Response second = submit(filed, smsCode);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.text()).isEqualTo("{\"status\":\"IN_REVIEW\"}");
        assertThat(auditActions(filed.reference())).containsSubsequence("VERIFICATION_CODE_SENT", "VERIFICATION_CODE_SENT",
                "VERIFICATION_FACTOR_CONFIRMED", "VERIFICATION_FAILED", "IDENTITY_VERIFIED");
        assertThat(jdbc.queryForList("select detail from audit_entry where reference = ? and detail is not null",
                String.class, filed.reference())).noneMatch(d -> d.contains("@") || d.contains(holder.phone().substring(3)));
    }

    @Test
    void theTextMessageCodeMayComeFirst() {
        // account cancellation always needs level 2
        Account holder = ownAccount("cancel-level2", null);
        RequesterJourney.Filed filed = requester().file("CANCEL_ACCOUNT", holder.email(), null);
        String smsCode = nthCode(holder.sms(), SMS, filed.reference(), 1);
        String emailCode = nthCode(holder.email(), EMAIL_CODE, filed.reference(), 1);

        assertThat(submit(filed, smsCode).text())
                .isEqualTo("{\"status\":\"AWAITING_VERIFICATION\",\"pendingFactors\":[\"EMAIL\"]}");
        assertThat(submit(filed, emailCode).text()).isEqualTo("{\"status\":\"IN_REVIEW\"}");
    }

    @Test
    void theGuardianReceivesBothCodesForAMinorsAccount() {
        RequesterJourney.Filed filed = requester().file("ACCESS", DemoAccounts.XIAO_MING, null);
        String emailCode = nthCode(DemoAccounts.XIAO_MING_GUARDIAN_EMAIL, EMAIL_CODE, filed.reference(), 1);
        String smsCode = nthCode("sms+8613800000005@demo.invalid", SMS, filed.reference(), 1);
        assertThat(mailbox().all()).as("nothing to the minor")
                .noneMatch(m -> m.body().contains(filed.reference()) && (m.to().equalsIgnoreCase(DemoAccounts.XIAO_MING)
                        || m.to().equals("sms+8613800000004@demo.invalid")));
        assertThat(mailbox().of(DemoAccounts.XIAO_MING_GUARDIAN_EMAIL, EMAIL_CODE, filed.reference()).get(0).body())
                .contains("guardian");

        assertThat(submit(filed, smsCode).json().get("pendingFactors").get(0).asText()).isEqualTo("EMAIL");
        assertThat(submit(filed, emailCode).text()).isEqualTo("{\"status\":\"IN_REVIEW\"}");
    }

    // ------------------------------------------------------------------ impostors

    @Test
    void aCodeOfAnotherRequestOrAccountNeverVerifies() {
        Account a = ownAccount("account-a", null);
        Account b = ownAccount("account-b", null);
        RequesterJourney.Filed mine = requester().file("ACCESS", a.email(), null);
        RequesterJourney.Filed earlierOfMine = requester().file("ACCESS", a.email(), null);
        RequesterJourney.Filed someoneElses = requester().file("ACCESS", b.email(), null);
        String code = nthCode(a.email(), EMAIL_CODE, mine.reference(), 1);
        String earlierCode = nthCode(a.email(), EMAIL_CODE, earlierOfMine.reference(), 1);
        String otherCode = nthCode(b.email(), EMAIL_CODE, someoneElses.reference(), 1);

        if (!otherCode.equals(code)) {
            assertThat(submit(mine, otherCode).status()).as("another account's code").isEqualTo(422);
        }
        if (!earlierCode.equals(code)) {
            assertThat(submit(mine, earlierCode).status()).as("another request's code").isEqualTo(422);
        }
        // the right code with someone else's status token opens nothing
        Api.Response wrongToken = api().post("/api/requests/" + mine.reference() + "/verification",
                Api.json(Map.of("code", code)), "X-Status-Token", someoneElses.token());
        assertThat(wrongToken.status()).isEqualTo(404);
        assertThat(requester().status(mine)).isEqualTo("AWAITING_VERIFICATION");

        assertThat(submit(mine, code).status()).isEqualTo(200);
        assertThat(requester().status(mine)).isNotEqualTo("AWAITING_VERIFICATION");
    }

    @Test
    void anExpiredCodeFailsAndAResentCodeWorksWithoutResettingTheAttempts() {
        RequesterJourney.Filed filed = requester().file("ACCESS", DemoAccounts.ZHAO_QIANG, null);
        String first = nthCode(DemoAccounts.ZHAO_QIANG, EMAIL_CODE, filed.reference(), 1);

        moveClock(Duration.ofMinutes(16));
        Api.Response expired = submit(filed, first);
        assertThat(expired.status()).as("15 minutes are over").isEqualTo(422);
        assertThat(expired.json().get("attemptsLeft").asInt()).isEqualTo(4);

        Api.Response resent = resend(filed);
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.text()).isEqualTo("{\"status\":\"AWAITING_VERIFICATION\"}");
        String second = nthCode(DemoAccounts.ZHAO_QIANG, EMAIL_CODE, filed.reference(), 2);
        time.useClock(Clock.systemUTC());
        moveClock(Duration.ofMinutes(17));

        Api.Response wrong = submit(filed, otherThan(first, second));
        assertThat(wrong.json().get("attemptsLeft").asInt()).as("a resend does not reset the attempts").isEqualTo(3);
        assertThat(submit(filed, second).text()).isEqualTo("{\"status\":\"IN_REVIEW\"}");
        assertThat(auditActions(filed.reference())).contains("VERIFICATION_CODES_RESENT", "IDENTITY_VERIFIED");
    }

    @Test
    void resendsAreLimitedToOnePerMinuteAndThreePerRequestAndSupersedeTheOldCode() {
        Account holder = ownAccount("resend", null);
        RequesterJourney.Filed filed = requester().file("ACCESS", holder.email(), null);
        String first = nthCode(holder.email(), EMAIL_CODE, filed.reference(), 1);

        Api.Response tooSoon = resend(filed);
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.contentType()).startsWith("application/problem+json");
        assertThat(tooSoon.json().get("code").asText()).isEqualTo("RESEND_LIMITED");
        assertThat(tooSoon.json().get("retryAfterSeconds").asLong()).isBetween(1L, 60L);

        for (int round = 2; round <= 4; round++) {
            moveClock(Duration.ofSeconds(61L * (round - 1)));
            assertThat(resend(filed).status()).as("resend %d", round - 1).isEqualTo(200);
            nthCode(holder.email(), EMAIL_CODE, filed.reference(), round);
            assertThat(resend(filed).status()).as("again at once").isEqualTo(429);
        }
        moveClock(Duration.ofSeconds(61L * 5));
        Api.Response exhausted = resend(filed);
        assertThat(exhausted.status()).isEqualTo(429);
        assertThat(exhausted.json().get("code").asText()).isEqualTo("RESEND_LIMITED");
        assertThat(exhausted.json().has("retryAfterSeconds")).as("no more rounds at all").isFalse();

        String latest = nthCode(holder.email(), EMAIL_CODE, filed.reference(), 4);
        if (!first.equals(latest)) {
            assertThat(submit(filed, first).status()).as("the first code was superseded").isEqualTo(422);
        }
        assertThat(submit(filed, latest).status()).isEqualTo(200);
    }

    @Test
    void fiveWrongCodesLockAndLockedRequestsGetNoNewCodes() {
        // li.lei: a copy of real-name and payment data needs both codes; this request is never verified
        RequesterJourney.Filed filed = requester().file("COPY", DemoAccounts.LI_LEI, null);
        String emailCode = nthCode(DemoAccounts.LI_LEI, EMAIL_CODE, filed.reference(), 1);
        String smsCode = nthCode("sms+8613800000001@demo.invalid", SMS, filed.reference(), 1);
        String wrong = otherThan(emailCode, smsCode);
        assertThat(submit(filed, emailCode).status()).isEqualTo(200);
        for (int left = 4; left >= 1; left--) {
            assertThat(submit(filed, wrong).json().get("attemptsLeft").asInt()).isEqualTo(left);
        }
        assertThat(submit(filed, wrong).status()).isEqualTo(423);
        assertThat(submit(filed, smsCode).status()).as("the right code, too late").isEqualTo(423);
        moveClock(Duration.ofMinutes(2));
        assertThat(resend(filed).status()).isEqualTo(423);

        Task manual = awaitManualTask(filed.reference());
        assertThat(runtime.getVariable(manual.getExecutionId(), "manualVerificationReason")).isEqualTo("LOCKED");
        assertThat(auditActions(filed.reference())).contains("VERIFICATION_LOCKED");
    }

    private Task awaitManualTask(String reference) {
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_VerifyIdentityManually").count() == 1);
        return tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_VerifyIdentityManually").singleResult();
    }

    // ------------------------------------------------------------------ no enumeration

    /** The answer without what must differ: reference, status token and timestamps. */
    private static String shape(Api.Response response, RequesterJourney.Filed filed) {
        String text = response.text();
        if (filed != null) {
            text = text.replace(filed.reference(), "REF").replace(filed.token(), "TOKEN");
        }
        return response.status() + " " + response.contentType() + " "
                + text.replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "TIME");
    }

    @Test
    void unknownAccountsGetTheSameAnswersAndCloseUnverified() {
        String known = ownAccount("known", null).email();
        // one frozen "now" for both, so that the answers cannot differ by a second of wall-clock time
        Instant now = Instant.now();
        time.useClock(Clock.fixed(now, java.time.ZoneOffset.UTC));
        Api.Response knownFiled = api().post("/api/requests", Api.json(Map.of("type", "ACCESS", "accountEmail", known, "language", "en")));
        Api.Response unknownFiled = api().post("/api/requests",
                Api.json(Map.of("type", "ACCESS", "accountEmail", "nobody-" + System.nanoTime() + "@example.com", "language", "en")));
        RequesterJourney.Filed k = new RequesterJourney.Filed(knownFiled.json().get("reference").asText(),
                knownFiled.json().get("statusToken").asText());
        RequesterJourney.Filed u = new RequesterJourney.Filed(unknownFiled.json().get("reference").asText(),
                unknownFiled.json().get("statusToken").asText());
        assertThat(shape(unknownFiled, u)).isEqualTo(shape(knownFiled, k));
        awaitWaitingForCode(k.reference());
        awaitWaitingForCode(u.reference());
        String code = nthCode(known, EMAIL_CODE, k.reference(), 1);
        String wrong = otherThan(code);

        assertThat(shape(submit(u, wrong), u)).isEqualTo(shape(submit(k, wrong), k));
        assertThat(shape(resend(u), u)).as("too soon").isEqualTo(shape(resend(k), k));
        time.useClock(Clock.fixed(now.plusSeconds(61), java.time.ZoneOffset.UTC));
        assertThat(shape(resend(u), u)).as("resent").isEqualTo(shape(resend(k), k));
        assertThat(shape(submit(u, "12345"), u)).as("malformed").isEqualTo(shape(submit(k, "12345"), k));
        for (int i = 0; i < 4; i++) {
            assertThat(shape(submit(u, wrong), u)).isEqualTo(shape(submit(k, wrong), k));
        }
        assertThat(shape(submit(u, wrong), u)).as("locked").contains("423").isEqualTo(shape(submit(k, wrong), k));
        time.useClock(Clock.systemUTC());
        assertThat(mailbox().all()).noneMatch(m -> m.body().contains(u.reference()));

        // an unknown account's request is simply never verified and closes after the waiting period
        RequesterJourney.Filed waiting = requester().file("ACCESS", "nobody-else-" + System.nanoTime() + "@example.com", null);
        awaitWaitingForCode(waiting.reference());
        String waitingInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(waiting.reference())
                .singleResult().getId();
        // the reminder's timer arms the expiry (no contact on file: nothing is sent)
        management.executeJob(management.createJobQuery().processInstanceId(waitingInstance).timers()
                .activityId("BoundaryEvent_VerificationReminder").singleResult().getId());
        Job expiry = management.createJobQuery().processInstanceId(waitingInstance).timers()
                .activityId("BoundaryEvent_VerificationExpired").singleResult();
        management.executeJob(expiry.getId());
        requester().awaitStatus(waiting, "CLOSED_UNVERIFIED");
    }

    // ------------------------------------------------------------------ manual verification

    @Test
    void aRecentContactChangeSendsACopyToManualVerificationButNotAnAccessRequest() {
        String email = ownAccount("changed", Instant.now().minus(Duration.ofDays(2))).email();
        RequesterJourney.Filed copy = requester().file("COPY", email, null);
        Task manual = awaitManualTask(copy.reference());
        assertThat(runtime.getVariable(manual.getExecutionId(), "manualVerificationReason"))
                .isEqualTo("CONTACT_RECENTLY_CHANGED");
        assertThat(runtime.getVariable(manual.getExecutionId(), "manualVerificationRequired")).isEqualTo(true);
        requester().awaitStatus(copy, "AWAITING_VERIFICATION");
        mailbox().awaitOne(email, "ACKNOWLEDGEMENT", copy.reference());
        assertThat(mailbox().of(email, EMAIL_CODE, copy.reference())).as("no codes to a contact just changed").isEmpty();
        assertThat(submit(copy, "123456").status()).isEqualTo(422);
        assertThat(auditActions(copy.reference())).contains("MANUAL_VERIFICATION_REQUIRED");

        StaffSignIn.as(identity, "intake");
        tasks.complete(manual.getId(), Variables.createVariables().putValue("decision", "NOT_VERIFIED")
                .putValue("explanation", "The holder did not confirm the request when called back."));
        identity.clearAuthentication();
        requester().awaitStatus(copy, "CLOSED_UNVERIFIED");
        assertThat(auditActions(copy.reference())).contains("IDENTITY_NOT_VERIFIED_MANUALLY");

        RequesterJourney.Filed access = requester().file("ACCESS", email, null);
        nthCode(email, EMAIL_CODE, access.reference(), 1);
        assertThat(runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(access.reference())
                .singleResult().getId(), "manualVerificationRequired")).as("set only where staff verify").isNull();
    }

    /**
     * Intake's queue: an account makes one intake task a day. Once its task of the day is decided, its next request
     * that needs staff waits for the next day (Beijing time) and gets its task then, without anyone's action.
     */
    @Test
    void anAccountsRequestAfterItsTaskOfTheDayWasDecidedGetsItsTaskTheNextDay() {
        String email = ownAccount("daily-case", Instant.now().minus(Duration.ofDays(2))).email();
        RequesterJourney.Filed first = requester().file("COPY", email, null);
        Task manual = awaitManualTask(first.reference());
        StaffSignIn.as(identity, "intake");
        tasks.complete(manual.getId(), Variables.createVariables().putValue("decision", "NOT_VERIFIED")
                .putValue("explanation", "The holder did not confirm the request when called back."));
        identity.clearAuthentication();
        requester().awaitStatus(first, "CLOSED_UNVERIFIED");

        RequesterJourney.Filed second = requester().file("COPY", email, null);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(second.reference())
                .singleResult().getId();
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createExecutionQuery().processInstanceId(instance)
                .activityId("TimerEvent_UntilTheNextDay").count() == 1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(second.reference()).count())
                .as("no second intake task for the account that day").isZero();
        assertThat(auditActions(second.reference())).contains("MANUAL_VERIFICATION_DEFERRED");
        requester().awaitStatus(second, "AWAITING_VERIFICATION");
        ZoneId beijing = ZoneId.of("Asia/Shanghai");
        Instant nextDay = LocalDate.ofInstant(time.now(), beijing).plusDays(1).atStartOfDay(beijing).toInstant();
        var timer = management.createJobQuery().processInstanceId(instance).activityId("TimerEvent_UntilTheNextDay")
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(nextDay);

        time.useClock(Clock.fixed(nextDay.plusSeconds(60), ZoneOffset.UTC));
        management.executeJob(timer.getId());

        Task nextDaysTask = awaitManualTask(second.reference());
        assertThat(runtime.getVariable(nextDaysTask.getExecutionId(), "manualVerificationReason"))
                .isEqualTo("CONTACT_RECENTLY_CHANGED");
    }

    @Test
    void anOldContactChangeDoesNotBlockCodes() {
        String email = ownAccount("changed-long-ago", Instant.now().minus(Duration.ofDays(8))).email();
        RequesterJourney.Filed copy = requester().file("COPY", email, null);
        assertThat(submit(copy, nthCode(email, EMAIL_CODE, copy.reference(), 1)).text())
                .isEqualTo("{\"status\":\"IN_REVIEW\"}");
    }
}
