package org.rightsflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Wrong codes lock, intake staff verify by hand, silence closes the request, and a requester may withdraw. */
class VerificationAndWithdrawalTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private Api api() {
        return new Api(port);
    }

    private Mailbox mailbox() {
        return new Mailbox(TestInfrastructure.mail());
    }

    private void awaitWaitingForCode(String reference) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.createExecutionQuery()
                .processInstanceBusinessKey(reference).activityId("ReceiveTask_AwaitVerification").count() == 1);
    }

    @Test
    void fiveWrongCodesLockAndIntakeStaffVerifyByHand() {
        RequesterJourney requester = new RequesterJourney(api(), mailbox());
        RequesterJourney.Filed filed = requester.file("ACCESS", "wang.fang@example.com", null);
        String code = Mailbox.codeIn(mailbox().awaitOne("wang.fang@example.com", "VERIFICATION_CODE", filed.reference()));
        String wrong = code.equals("999999") ? "888888" : "999999";
        for (int left = 4; left >= 1; left--) {
            Api.Response response = api().post("/api/requests/" + filed.reference() + "/verification",
                    Api.json(Map.of("code", wrong)), "X-Status-Token", filed.token());
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.json().get("attemptsLeft").asInt()).isEqualTo(left);
        }
        Api.Response fifth = api().post("/api/requests/" + filed.reference() + "/verification",
                Api.json(Map.of("code", wrong)), "X-Status-Token", filed.token());
        assertThat(fifth.status()).isEqualTo(423);
        Api.Response rightButLocked = api().post("/api/requests/" + filed.reference() + "/verification",
                Api.json(Map.of("code", code)), "X-Status-Token", filed.token());
        assertThat(rightButLocked.status()).as("even the right code fails once locked").isEqualTo(423);

        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_VerifyIdentityManually").singleResult();
        assertThat(manual).isNotNull();
        assertThat(tasks.createTaskQuery().taskId(manual.getId()).taskCandidateGroup("privacy-intake").count()).isEqualTo(1);
        StaffSignIn.as(identity, "intake");
        tasks.complete(manual.getId(), Variables.createVariables().putValue("decision", "VERIFIED")
                .putValue("explanation", "Called the phone on file; the holder confirmed the request."));
        requester.awaitStatus(filed, "COMPLETED");
    }

    @Test
    void aRequestNotVerifiedWithinSevenDaysClosesWithANotice() {
        RequesterJourney requester = new RequesterJourney(api(), mailbox());
        RequesterJourney.Filed filed = requester.file("ACCESS", "li.lei@example.com", null);
        awaitWaitingForCode(filed.reference());
        String processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(filed.reference())
                .singleResult().getId();
        Job reminder = management.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId("BoundaryEvent_VerificationReminder").singleResult();
        assertThat(management.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId("BoundaryEvent_VerificationExpired").count()).as("armed by the reminder").isZero();
        management.executeJob(reminder.getId());
        Job expiry = management.createJobQuery().processInstanceId(processInstanceId).timers()
                .activityId("BoundaryEvent_VerificationExpired").singleResult();
        assertThat(expiry.getDuedate()).as("4 days after the reminder")
                .isAfter(java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(3))));
        management.executeJob(expiry.getId());
        requester.awaitStatus(filed, "CLOSED_UNVERIFIED");
        mailbox().awaitOne("li.lei@example.com", "CLOSED_UNVERIFIED", filed.reference());
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).finished().count() == 1);
    }

    @Test
    void anUnknownAccountCanNeverBeVerified() {
        RequesterJourney requester = new RequesterJourney(api(), mailbox());
        RequesterJourney.Filed filed = requester.file("ACCESS", "stranger@example.com", null);
        awaitWaitingForCode(filed.reference());
        assertThat(mailbox().all()).noneMatch(m -> m.body().contains(filed.reference()));
        Api.Response guess = api().post("/api/requests/" + filed.reference() + "/verification",
                Api.json(Map.of("code", "123456")), "X-Status-Token", filed.token());
        assertThat(guess.status()).isEqualTo(422);
        assertThat(guess.json().get("attemptsLeft").asInt()).isEqualTo(4);
        assertThat(requester.status(filed)).isEqualTo("AWAITING_VERIFICATION");
    }

    @Test
    void aRequesterMayWithdrawUntilFulfilmentStarts() {
        RequesterJourney requester = new RequesterJourney(api(), mailbox());
        RequesterJourney.Filed filed = requester.file("ACCESS", "li.lei@example.com", null);
        awaitWaitingForCode(filed.reference());
        Api.Response withdrawn = api().post("/api/requests/" + filed.reference() + "/withdrawal", "",
                "X-Status-Token", filed.token());
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        mailbox().awaitOne("li.lei@example.com", "WITHDRAWN", filed.reference());
        assertThat(history.createHistoricActivityInstanceQuery().activityId("EndEvent_Withdrawn")
                .processInstanceId(history.createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(filed.reference()).singleResult().getId()).count()).isEqualTo(1);

        RequesterJourney.Filed completed = requester.fileAndVerify("ACCESS", "chen.jie@example.com", "chen.jie@example.com", null);
        requester.awaitStatus(completed, "COMPLETED");
        Api.Response tooLate = api().post("/api/requests/" + completed.reference() + "/withdrawal", "",
                "X-Status-Token", completed.token());
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().get("code").asText()).isEqualTo("WITHDRAWAL_NOT_POSSIBLE");
    }
}
