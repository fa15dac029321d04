package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.ExemptionReviewModel.BEAN_EXEMPTION_REVIEW_LISTENER;
import static org.rightsflow.process.model.ExemptionReviewModel.FORM_EXEMPTION_REVIEW;
import static org.rightsflow.process.model.ExemptionReviewModel.GROUP_PRIVACY_OFFICERS;
import static org.rightsflow.process.model.ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS;
import static org.rightsflow.process.model.RightsRequestModel.*;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@Deployment(resources = {RightsRequestModel.RESOURCE, RightsRequestModel.DECISION_RESOURCE, ExemptionReviewModel.RESOURCE,
        RefusalApprovalModel.RESOURCE,
        AccessFulfilmentModel.RESOURCE, ManualFulfilmentModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE,
        "forms/Form_ManualIdentityCheck.form", "forms/Form_ExemptionReview.form", "forms/Form_RefusalApproval.form",
        "forms/Form_ManualFulfilment.form"})
class RightsRequestProcessTest extends ProcessModelTestSupport {

    static final Date DUE_DATE = plusDays(NOW, 15);
    static final Date REMINDER_DATE = plusDays(DUE_DATE, -5);

    /** What gatherTriageFacts reports about the account; all clear unless a test says otherwise. */
    private final Map<String, Object> facts = new HashMap<>();
    /** What the access fulfilment reports. */
    private String accessOutcome = VariableNames.OUTCOME_COMPLETED;
    /** The outcome sendResult saw when it ran. */
    private final List<Object> resultsSent = new ArrayList<>();
    /** What the review's listener decides about the data an approved refusal keeps. */
    private boolean restrictKeptData;
    /** The operations the systems' steps were planned for. */
    private final List<Object> systemOperations = new ArrayList<>();
    /** What startFulfilment finds on its next runs (a referral, a paused clock); then it starts. */
    private final List<String> fulfilmentStarts = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        facts.put(VariableNames.REPEAT_COUNT, 0);
        facts.put(VariableNames.LEGAL_HOLD, false);
        facts.put(VariableNames.OPEN_INVESTIGATION, false);
        facts.put(VariableNames.MINOR_ACCOUNT, false);
        facts.put(VariableNames.SENSITIVE_CATEGORIES, false);
        facts.put(VariableNames.DELETION_GROUND_MISSING, false);
        facts.put(VariableNames.REFERRED_TO_REVIEW, false);
        facts.put(VariableNames.ENTERED_BY_STAFF, false);

        delegate(BEAN_ACKNOWLEDGE_REQUEST);
        delegate(BEAN_SEND_VERIFICATION_CODES);
        delegate(BEAN_SEND_VERIFICATION_REMINDER);
        delegate(BEAN_REQUEST_MANUAL_VERIFICATION);
        delegate(BEAN_CLOSE_UNVERIFIED);
        delegate(BEAN_GATHER_TRIAGE_FACTS, execution -> execution.setVariables(facts));
        // The real delegate routes each right to its fulfilment process, or to the manual one (FulfilmentRoutes).
        delegate(BEAN_START_FULFILMENT, execution -> {
            execution.setVariable(VariableNames.FULFILMENT_START,
                    fulfilmentStarts.isEmpty() ? VariableNames.FULFILMENT_STARTED : fulfilmentStarts.remove(0));
            execution.setVariable(VariableNames.FULFILMENT_PROCESS,
                    VariableNames.TYPE_ACCESS.equals(execution.getVariable(VariableNames.REQUEST_TYPE))
                            ? AccessFulfilmentModel.PROCESS_ID : ManualFulfilmentModel.PROCESS_ID);
        });
        delegate(BEAN_CLOSE_UNANSWERED);
        delegate(BEAN_SEND_RESULT, execution -> resultsSent.add(execution.getVariable(VariableNames.OUTCOME)));
        delegate(BEAN_REMIND_STAFF);
        delegate(BEAN_ESCALATE_OVERDUE);
        delegate(BEAN_CONFIRM_WITHDRAWAL);
        // the access fulfilment's systems' steps: none planned here (each kind is tested in SystemStepProcessTest)
        delegate(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS, execution -> {
            systemOperations.add(execution.getVariable(SystemStepsModel.SYSTEM_OPERATION));
            execution.setVariable(SystemStepsModel.SYSTEM_STEPS, new ArrayList<String>());
        });
        delegate(AccessFulfilmentModel.BEAN_BUILD_ACCESS_REPORT,
                execution -> execution.setVariable(VariableNames.DOWNLOAD_ID, "DL-0007"));
        delegate(AccessFulfilmentModel.BEAN_PUBLISH_DOWNLOAD,
                execution -> execution.setVariable(VariableNames.OUTCOME, accessOutcome));

        taskListener(BEAN_MANUAL_VERIFICATION_LISTENER, task ->
                task.setVariable(VariableNames.VERIFICATION_DECISION, task.getVariable(VariableNames.DECISION)));
        taskListener(BEAN_EXEMPTION_REVIEW_LISTENER, task -> {
            Object decision = task.getVariable(VariableNames.DECISION);
            task.setVariable(VariableNames.REVIEW_DECISION, decision);
            task.setVariable(VariableNames.REVIEW_PROPOSER, "officer");
            if (!VariableNames.PROCEED.equals(decision)) {
                task.setVariable(VariableNames.RESULT_GROUNDS, "REVIEW_GROUNDS");
                task.setVariable(VariableNames.RESULT_EXPLANATION, "review explanation");
            }
            // the real listener asks ErasureScope.restrictsWhatIsKept (ErasureScopeTest)
            task.setVariable(VariableNames.RESTRICT_KEPT_DATA, restrictKeptData);
        });
        approvalListener();
        taskListener(ManualFulfilmentModel.BEAN_MANUAL_FULFILMENT_LISTENER, task -> {
            Object decision = task.getVariable(VariableNames.DECISION);
            task.setVariable(VariableNames.OUTCOME, decision);
            if (VariableNames.OUTCOME_PARTIALLY_COMPLETED.equals(decision)) {
                task.setVariable(VariableNames.REVIEW_PROPOSER, "operator");
                task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.PARTIAL);
                task.setVariable(VariableNames.PROPOSED_GROUNDS, "OPERATOR_GROUNDS");
                task.setVariable(VariableNames.PROPOSED_EXPLANATION, "operator explanation");
            }
        });
    }

    // ------------------------------------------------------------------ steps

    private ProcessInstance fileRequest(String requestType) {
        return fileRequest(requestType, null);
    }

    /** @param manualReason what the domain decided at intake (VerificationLevelPolicy), null: codes decide */
    private ProcessInstance fileRequest(String requestType, String manualReason) {
        Map<String, Object> variables = new HashMap<>();
        // as RequestEventBridge files a request: the manual route's flag and reason only where it is taken
        if (manualReason != null) {
            variables.put(VariableNames.MANUAL_VERIFICATION_REQUIRED, true);
            variables.put(VariableNames.MANUAL_VERIFICATION_REASON, manualReason);
        }
        variables.put(VariableNames.REQUEST_ID, REQUEST_ID);
        // no reference variable: the business key is the reference, and the called processes get it from there
        variables.put(VariableNames.REQUEST_TYPE, requestType);
        variables.put(VariableNames.DUE_DATE, DUE_DATE);
        variables.put(VariableNames.REMINDER_DATE, REMINDER_DATE);
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, variables);
    }

    /** Filed, acknowledged, codes sent: waiting for the requester. */
    private ProcessInstance awaitingVerification(String requestType) {
        ProcessInstance request = fileRequest(requestType);
        assertThat(request).isWaitingAt(RECEIVE_TASK_AWAIT_VERIFICATION);
        return request;
    }

    private void correlate(String message) {
        runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(REFERENCE).correlate();
    }

    /** Verified and triaged: waiting at fulfilment or review. */
    private ProcessInstance verifiedAndTriaged(String requestType) {
        ProcessInstance request = awaitingVerification(requestType);
        correlate(MSG_IDENTITY_VERIFIED);
        runJobsAt(TASK_GATHER_TRIAGE_FACTS);
        return request;
    }

    private ProcessInstance inReview(String requestType) {
        ProcessInstance request = verifiedAndTriaged(requestType);
        assertThat(request).isWaitingAt(CALL_ACTIVITY_REVIEW_EXEMPTIONS);
        return request;
    }

    private Map<String, Object> decision(String decision) {
        Map<String, Object> form = new HashMap<>();
        form.put(VariableNames.DECISION, decision);
        form.put(VariableNames.EXPLANATION, "Explanation for " + decision);
        return form;
    }

    private Map<String, Object> refusal(String decision, String... grounds) {
        Map<String, Object> form = decision(decision);
        // Tasklist submits a checklist as a Json variable
        form.put(VariableNames.GROUNDS, SpinValues.jsonValue(toJsonArray(grounds)).create());
        return form;
    }

    private static String toJsonArray(String... codes) {
        return "[" + String.join(",", java.util.Arrays.stream(codes).map(c -> '"' + c + '"').toList()) + "]";
    }

    private Object variable(ProcessInstance request, String name) {
        HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(request.getId()).variableName(name).singleResult();
        assertThat(variable).as("variable %s", name).isNotNull();
        assertThat(variable.getActivityInstanceId()).as("%s is a process variable", name)
                .isEqualTo(request.getId());
        return variable.getValue();
    }

    private void assertCandidateTask(String activityId, String group, String form) {
        Task task = taskAt(activityId);
        assertThat(task).hasCandidateGroup(group).hasDueDate(DUE_DATE);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(form);
        assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");
        assertThat(task.getFormKey()).isNull();
        assertThat(deployedForm(task.getId())).as("Tasklist finds the form in the deployment")
                .contains("\"id\": \"" + form + "\"");
    }

    // ------------------------------------------------------------------ intake and verification

    @Test
    void acknowledgesTheRequestAndWaitsForVerification() {
        ProcessInstance request = fileRequest(VariableNames.TYPE_ACCESS);

        // The caller's (the filing's) transaction runs to the verification wait: acknowledgement and codes are
        // written with the request, no job stands between them (BENCHMARKS.md, figure 1).
        assertThat(request).isActive().hasBusinessKey(REFERENCE);
        assertThat(managementService.createJobQuery().processInstanceId(request.getId()).messages().count())
                .as("no asynchronous job before the verification wait").isZero();

        assertThat(request).hasPassedInOrder(START_EVENT_REQUEST_RECEIVED, START_EVENT_HANDLE, TASK_ACKNOWLEDGE,
                        GATEWAY_VERIFICATION_ROUTE, TASK_SEND_VERIFICATION_CODES)
                .isWaitingFor(MSG_IDENTITY_VERIFIED, MSG_VERIFICATION_LOCKED, MSG_REQUEST_WITHDRAWN);
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_VERIFICATION);
        assertThat(calls).containsExactly(BEAN_ACKNOWLEDGE_REQUEST, BEAN_SEND_VERIFICATION_CODES);
        // one timer at a time: the clock's due-soon timer on the whole request, the verification's reminder timer;
        // each arms the next when it fires (the due date, the verification's expiry)
        assertThat(jobAt(START_EVENT_DUE_SOON).getDuedate()).isEqualTo(REMINDER_DATE);
        assertThat(hasJobAt(TIMER_EVENT_DUE_DATE)).as("armed by the due-soon timer, not by the filing").isFalse();
        assertThat(jobAt(BOUNDARY_EVENT_VERIFICATION_REMINDER).getDuedate()).isEqualTo(plusDays(NOW, 3));
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_EXPIRED)).as("armed by the reminder, not by the filing").isFalse();
        assertThat(managementService.createJobQuery().processInstanceId(request.getId()).count())
                .as("the filing's jobs: two timers, nothing else").isEqualTo(2);
        assertThat(dueTimerActivities()).isEmpty();
    }

    @Test
    void remindsTheRequesterAfterThreeDaysAndKeepsWaiting() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);

        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 3), -1));
        assertThat(dueTimerActivities()).isEmpty();
        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 3), 1));
        assertThat(dueTimerActivities()).containsExactly(BOUNDARY_EVENT_VERIFICATION_REMINDER);

        // the reminder is sent in the timer's own job (no second job), and the code is awaited again at once
        runJobsAt(BOUNDARY_EVENT_VERIFICATION_REMINDER);

        assertThat(request).hasPassedInOrder(RECEIVE_TASK_AWAIT_VERIFICATION, BOUNDARY_EVENT_VERIFICATION_REMINDER,
                        TASK_SEND_VERIFICATION_REMINDER)
                .isWaitingFor(MSG_IDENTITY_VERIFIED, MSG_VERIFICATION_LOCKED, MSG_REQUEST_WITHDRAWN);
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_VERIFICATION_AFTER_THE_REMINDER);
        assertThat(calls).endsWith(BEAN_SEND_VERIFICATION_REMINDER);
        assertThat(managementService.createJobQuery().messages().count()).as("no asynchronous job").isZero();
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_REMINDER)).as("the reminder fires once").isFalse();
        assertThat(jobAt(BOUNDARY_EVENT_VERIFICATION_EXPIRED).getDuedate()).as("7 days after the filing in all")
                .isEqualTo(plusMinutes(plusDays(NOW, 7), 1));

        // a verification after the reminder still counts
        correlate(MSG_IDENTITY_VERIFIED);
        assertThat(request).hasPassed(EVENT_IDENTITY_VERIFIED).isWaitingAt(TASK_GATHER_TRIAGE_FACTS);
    }

    @Test
    void aReminderThatFailsLeavesTheRequestInTheFirstWaitAndIsRetried() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);
        delegate(BEAN_SEND_VERIFICATION_REMINDER, execution -> {
            throw new IllegalStateException("the outbox is not reachable");
        });

        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 3), 1));
        String timer = jobAt(BOUNDARY_EVENT_VERIFICATION_REMINDER).getId();
        assertThatThrownBy(() -> managementService.executeJob(timer)).isInstanceOf(RuntimeException.class);

        // the timer's job rolled back: still waiting for the code, the same timer to be retried, no expiry yet
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_VERIFICATION);
        assertThat(request).isWaitingFor(MSG_IDENTITY_VERIFIED, MSG_VERIFICATION_LOCKED, MSG_REQUEST_WITHDRAWN);
        assertThat(managementService.createJobQuery().jobId(timer).singleResult().getRetries()).isEqualTo(2);
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_EXPIRED)).isFalse();

        delegate(BEAN_SEND_VERIFICATION_REMINDER);
        managementService.executeJob(timer);
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_VERIFICATION_AFTER_THE_REMINDER);
    }

    @Test
    void closesTheRequestUnverifiedAfterSevenDays() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);

        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 3), 1));
        runJobsAt(BOUNDARY_EVENT_VERIFICATION_REMINDER);
        // four days after the reminder fired: seven after the filing
        ClockUtil.setCurrentTime(plusDays(NOW, 7));
        assertThat(dueTimerActivities()).as("not a minute early").doesNotContain(BOUNDARY_EVENT_VERIFICATION_EXPIRED);
        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 7), 1));
        assertThat(dueTimerActivities()).contains(BOUNDARY_EVENT_VERIFICATION_EXPIRED);
        runJobsAt(BOUNDARY_EVENT_VERIFICATION_EXPIRED);

        assertThat(request).hasPassed(BOUNDARY_EVENT_VERIFICATION_EXPIRED, EVENT_NOT_VERIFIED);
        assertWaitingAt(request, TASK_CLOSE_UNVERIFIED);
        assertThat(request).isNotWaitingFor(MSG_IDENTITY_VERIFIED, MSG_VERIFICATION_LOCKED);

        runJobsAt(TASK_CLOSE_UNVERIFIED);

        assertThat(request).hasPassedInOrder(TASK_CLOSE_UNVERIFIED, END_EVENT_CLOSED_UNVERIFIED, END_EVENT_HANDLED)
                .hasNotPassed(EVENT_IDENTITY_VERIFIED, TASK_GATHER_TRIAGE_FACTS, TASK_SEND_RESULT)
                .isEnded();
        assertThat(calls).containsExactly(BEAN_ACKNOWLEDGE_REQUEST, BEAN_SEND_VERIFICATION_CODES,
                BEAN_SEND_VERIFICATION_REMINDER, BEAN_CLOSE_UNVERIFIED);
        assertThat(managementService.createJobQuery().count()).as("no timer left behind").isZero();
    }

    @Test
    void lockedVerificationIsVerifiedByIntakeStaff() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);

        correlate(MSG_VERIFICATION_LOCKED);

        assertThat(request).hasPassed(BOUNDARY_EVENT_VERIFICATION_LOCKED);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertCandidateTask(TASK_VERIFY_IDENTITY_MANUALLY, GROUP_PRIVACY_INTAKE, FORM_MANUAL_IDENTITY_CHECK);
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_REMINDER)).as("codes no longer awaited").isFalse();

        complete(TASK_VERIFY_IDENTITY_MANUALLY, decision(VariableNames.VERIFIED));

        assertThat(request).hasPassedInOrder(TASK_VERIFY_IDENTITY_MANUALLY, GATEWAY_MANUAL_VERIFICATION,
                        EVENT_VERIFIED_MANUALLY)
                .hasNotPassed(EVENT_IDENTITY_VERIFIED, EVENT_MANUAL_NOT_VERIFIED);
        assertWaitingAt(request, TASK_GATHER_TRIAGE_FACTS);
        assertThat(calls).contains(BEAN_MANUAL_VERIFICATION_LISTENER);
        assertThat(variable(request, VariableNames.VERIFICATION_DECISION)).isEqualTo(VariableNames.VERIFIED);
    }

    @Test
    void aVerificationLockedAfterTheReminderGoesToIntakeStaffToo() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);
        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 3), 1));
        runJobsAt(BOUNDARY_EVENT_VERIFICATION_REMINDER);

        correlate(MSG_VERIFICATION_LOCKED);

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_VERIFICATION_LOCKED_AFTER_THE_REMINDER,
                GATEWAY_JOIN_MANUAL_VERIFICATION);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_EXPIRED)).as("the expiry ends with the wait").isFalse();
        assertThat(jobAt(START_EVENT_DUE_SOON).getDuedate()).as("the clock still runs").isEqualTo(REMINDER_DATE);
    }

    @Test
    void lockingRecordsWhyIntakeStaffGetTheRequest() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);

        // as RequestEventBridge correlates it
        runtimeService.createMessageCorrelation(MSG_VERIFICATION_LOCKED).processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.MANUAL_VERIFICATION_REASON, "LOCKED").correlate();

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_VERIFICATION_LOCKED, GATEWAY_JOIN_MANUAL_VERIFICATION)
                .hasNotPassed(TASK_REQUEST_MANUAL_VERIFICATION);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertThat(taskService.getVariable(taskAt(TASK_VERIFY_IDENTITY_MANUALLY).getId(),
                VariableNames.MANUAL_VERIFICATION_REASON)).isEqualTo("LOCKED");
    }

    @Test
    void staffEnteredRequestGoesStraightToManualVerificationWithoutCodes() {
        ProcessInstance request = fileRequest(VariableNames.TYPE_ACCESS, "STAFF_ENTERED");

        assertThat(request).hasPassedInOrder(TASK_ACKNOWLEDGE, GATEWAY_VERIFICATION_ROUTE);
        assertWaitingAt(request, TASK_REQUEST_MANUAL_VERIFICATION);
        runJobsAt(TASK_REQUEST_MANUAL_VERIFICATION);

        assertThat(request).hasPassedInOrder(GATEWAY_VERIFICATION_ROUTE, TASK_REQUEST_MANUAL_VERIFICATION,
                        GATEWAY_JOIN_MANUAL_VERIFICATION)
                .hasNotPassed(TASK_SEND_VERIFICATION_CODES, RECEIVE_TASK_AWAIT_VERIFICATION);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertCandidateTask(TASK_VERIFY_IDENTITY_MANUALLY, GROUP_PRIVACY_INTAKE, FORM_MANUAL_IDENTITY_CHECK);
        Task task = taskAt(TASK_VERIFY_IDENTITY_MANUALLY);
        assertThat(taskService.getVariable(task.getId(), VariableNames.MANUAL_VERIFICATION_REASON)).isEqualTo("STAFF_ENTERED");
        assertThat(deployedForm(task.getId())).as("the form shows why the task is there")
                .contains("{{manualVerificationReason}}");
        assertThat(calls).containsExactly(BEAN_ACKNOWLEDGE_REQUEST, BEAN_REQUEST_MANUAL_VERIFICATION,
                BEAN_MANUAL_VERIFICATION_LISTENER); // on create: the account's other requests waiting for staff
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_REMINDER)).as("no code reminders").isFalse();
        assertThat(hasJobAt(BOUNDARY_EVENT_VERIFICATION_EXPIRED)).isFalse();
        assertThat(jobAt(START_EVENT_DUE_SOON).getDuedate()).as("the clock still runs").isEqualTo(REMINDER_DATE);

        complete(TASK_VERIFY_IDENTITY_MANUALLY, decision(VariableNames.VERIFIED));

        assertThat(request).hasPassedInOrder(TASK_VERIFY_IDENTITY_MANUALLY, GATEWAY_MANUAL_VERIFICATION,
                EVENT_VERIFIED_MANUALLY);
        assertWaitingAt(request, TASK_GATHER_TRIAGE_FACTS);
        assertThat(calls).endsWith(BEAN_MANUAL_VERIFICATION_LISTENER);
    }

    @Test
    void copyAfterARecentContactChangeIsVerifiedByHandOrClosed() {
        ProcessInstance request = fileRequest(VariableNames.TYPE_COPY, "CONTACT_RECENTLY_CHANGED");
        runJobsAt(TASK_REQUEST_MANUAL_VERIFICATION);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertThat(taskService.getVariable(taskAt(TASK_VERIFY_IDENTITY_MANUALLY).getId(),
                VariableNames.MANUAL_VERIFICATION_REASON)).isEqualTo("CONTACT_RECENTLY_CHANGED");

        complete(TASK_VERIFY_IDENTITY_MANUALLY, decision(VariableNames.NOT_VERIFIED));
        runJobsAt(TASK_CLOSE_UNVERIFIED);

        assertThat(request).hasPassedInOrder(TASK_REQUEST_MANUAL_VERIFICATION, TASK_VERIFY_IDENTITY_MANUALLY,
                        EVENT_MANUAL_NOT_VERIFIED, TASK_CLOSE_UNVERIFIED,
                        END_EVENT_CLOSED_UNVERIFIED)
                .hasNotPassed(TASK_SEND_VERIFICATION_CODES, TASK_GATHER_TRIAGE_FACTS)
                .isEnded();
        assertThat(calls).containsExactly(BEAN_ACKNOWLEDGE_REQUEST, BEAN_REQUEST_MANUAL_VERIFICATION,
                BEAN_MANUAL_VERIFICATION_LISTENER, BEAN_MANUAL_VERIFICATION_LISTENER, BEAN_CLOSE_UNVERIFIED);
    }

    @Test
    void withoutAManualReasonTheCodesDecide() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_CANCEL_ACCOUNT);
        assertThat(request).hasPassedInOrder(TASK_ACKNOWLEDGE, GATEWAY_VERIFICATION_ROUTE,
                TASK_SEND_VERIFICATION_CODES).hasNotPassed(TASK_REQUEST_MANUAL_VERIFICATION);
    }

    @Test
    void lockedVerificationRefusedByIntakeStaffClosesUnverified() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);
        correlate(MSG_VERIFICATION_LOCKED);

        complete(TASK_VERIFY_IDENTITY_MANUALLY, decision(VariableNames.NOT_VERIFIED));

        assertThat(request).hasPassedInOrder(GATEWAY_MANUAL_VERIFICATION, EVENT_MANUAL_NOT_VERIFIED);
        assertWaitingAt(request, TASK_CLOSE_UNVERIFIED);
        runJobsAt(TASK_CLOSE_UNVERIFIED);

        assertThat(request).hasPassed(END_EVENT_CLOSED_UNVERIFIED, END_EVENT_HANDLED)
                .hasNotPassed(EVENT_VERIFIED_MANUALLY, TASK_GATHER_TRIAGE_FACTS)
                .isEnded();
        assertThat(calls).endsWith(BEAN_MANUAL_VERIFICATION_LISTENER, BEAN_CLOSE_UNVERIFIED);
    }

    // ------------------------------------------------------------------ one intake task per account

    /** Locked as RequestEventBridge correlates it: with the reason and the route the domain decided. */
    private void lock(String reason, String route) {
        runtimeService.createMessageCorrelation(MSG_VERIFICATION_LOCKED).processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.MANUAL_VERIFICATION_REASON, reason)
                .setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, route).correlate();
    }

    private void staffDecided(String decision) {
        runtimeService.createMessageCorrelation(MSG_STAFF_VERIFICATION_DECIDED).processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.VERIFICATION_DECISION, decision).correlate();
    }

    @Test
    void aLockedRequestJoinsItsAccountsOpenTaskAndSharesItsDecision() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_DELETE);

        lock("ACCOUNT_WRONG_CODE_LIMIT", "JOIN");

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_VERIFICATION_LOCKED, GATEWAY_JOIN_MANUAL_VERIFICATION,
                GATEWAY_STAFF_ROUTE).hasNotPassed(TASK_VERIFY_IDENTITY_MANUALLY);
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_STAFF_DECISION);
        assertThat(taskService.createTaskQuery().count()).as("no second intake task for the account").isZero();
        assertThat(hasJobAt(BOUNDARY_EVENT_STAFF_DECISION_EXPIRED)).isTrue();

        staffDecided(VariableNames.VERIFIED);

        assertThat(request).hasPassedInOrder(RECEIVE_TASK_AWAIT_STAFF_DECISION, GATEWAY_DECIDED_WITH_THE_ACCOUNT,
                EVENT_VERIFIED_WITH_THE_ACCOUNT).hasNotPassed(EVENT_NOT_VERIFIED_WITH_THE_ACCOUNT);
        assertWaitingAt(request, TASK_GATHER_TRIAGE_FACTS);
    }

    @Test
    void aJoinedRequestTheHolderDidNotConfirmClosesUnverified() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_DELETE);
        lock("LOCKED", "JOIN");

        staffDecided(VariableNames.NOT_VERIFIED);

        assertThat(request).hasPassedInOrder(GATEWAY_DECIDED_WITH_THE_ACCOUNT, EVENT_NOT_VERIFIED_WITH_THE_ACCOUNT);
        runJobsAt(TASK_CLOSE_UNVERIFIED);
        assertThat(request).hasPassed(END_EVENT_CLOSED_UNVERIFIED).hasNotPassed(TASK_GATHER_TRIAGE_FACTS).isEnded();
    }

    @Test
    void aFilingHeldBackByALimitJoinsTheAccountsTask() {
        delegate(BEAN_REQUEST_MANUAL_VERIFICATION,
                execution -> execution.setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, "JOIN"));
        ProcessInstance request = fileRequest(VariableNames.TYPE_COPY, "TOO_MANY_OPEN_REQUESTS");
        runJobsAt(TASK_REQUEST_MANUAL_VERIFICATION);

        assertThat(request).hasPassedInOrder(TASK_REQUEST_MANUAL_VERIFICATION, GATEWAY_JOIN_MANUAL_VERIFICATION,
                GATEWAY_STAFF_ROUTE).hasNotPassed(TASK_SEND_VERIFICATION_CODES);
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_STAFF_DECISION);
    }

    @Test
    void aLockedRequestOfAnAccountWhoseTaskOfTheDayWasDecidedWaitsForTheNextDayAndIsRoutedAgain() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_DELETE);
        Date nextDay = Date.from(java.time.Instant.parse("2027-01-05T16:00:00Z"));

        runtimeService.createMessageCorrelation(MSG_VERIFICATION_LOCKED).processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.MANUAL_VERIFICATION_REASON, "LOCKED")
                .setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, "DEFER")
                .setVariable(VariableNames.MANUAL_VERIFICATION_ROUTED_AGAIN_AT, nextDay).correlate();

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_VERIFICATION_LOCKED, GATEWAY_JOIN_MANUAL_VERIFICATION,
                GATEWAY_STAFF_ROUTE).hasNotPassed(TASK_VERIFY_IDENTITY_MANUALLY, RECEIVE_TASK_AWAIT_STAFF_DECISION);
        assertWaitingAt(request, TIMER_EVENT_UNTIL_THE_NEXT_DAY);
        assertThat(taskService.createTaskQuery().count()).as("no second intake task that day").isZero();
        assertThat(jobAt(TIMER_EVENT_UNTIL_THE_NEXT_DAY).getDuedate()).isEqualTo(nextDay);

        // the next day the domain routes it again: a task of its own (or a join, when another request got there first)
        delegate(BEAN_REQUEST_MANUAL_VERIFICATION,
                execution -> execution.setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, "TASK"));
        runJobsAt(TIMER_EVENT_UNTIL_THE_NEXT_DAY, TASK_REQUEST_MANUAL_VERIFICATION);

        assertThat(request).hasPassedInOrder(TIMER_EVENT_UNTIL_THE_NEXT_DAY, TASK_REQUEST_MANUAL_VERIFICATION,
                GATEWAY_JOIN_MANUAL_VERIFICATION, GATEWAY_STAFF_ROUTE);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertCandidateTask(TASK_VERIFY_IDENTITY_MANUALLY, GROUP_PRIVACY_INTAKE, FORM_MANUAL_IDENTITY_CHECK);
    }

    @Test
    void whenTheRequestWithTheTaskIsWithdrawnAJoinedOneTakesTheTask() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);
        lock("ACCOUNT_WRONG_CODE_LIMIT", "JOIN");

        runtimeService.createMessageCorrelation(MSG_MANUAL_VERIFICATION_HANDED_OVER).processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, "TASK").correlate();

        assertThat(request).hasPassedInOrder(RECEIVE_TASK_AWAIT_STAFF_DECISION, BOUNDARY_EVENT_HANDED_OVER,
                GATEWAY_JOIN_MANUAL_VERIFICATION, GATEWAY_STAFF_ROUTE);
        assertWaitingAt(request, TASK_VERIFY_IDENTITY_MANUALLY);
        assertCandidateTask(TASK_VERIFY_IDENTITY_MANUALLY, GROUP_PRIVACY_INTAKE, FORM_MANUAL_IDENTITY_CHECK);
        assertThat(hasJobAt(BOUNDARY_EVENT_STAFF_DECISION_EXPIRED)).isFalse();
    }

    @Test
    void anUnknownAccountsLockedRequestWaitsForNoOneAndClosesAfterSevenDays() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);
        lock("LOCKED", "WAIT");
        assertWaitingAt(request, RECEIVE_TASK_AWAIT_STAFF_DECISION);
        assertThat(taskService.createTaskQuery().count()).as("nothing for intake staff to check").isZero();

        managementService.executeJob(jobAt(BOUNDARY_EVENT_STAFF_DECISION_EXPIRED).getId());

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_STAFF_DECISION_EXPIRED, EVENT_STAFF_DECISION_EXPIRED);
        runJobsAt(TASK_CLOSE_UNVERIFIED);
        assertThat(request).hasPassed(END_EVENT_CLOSED_UNVERIFIED).isEnded();
    }

    // ------------------------------------------------------------------ triage and fulfilment

    @Test
    void verifiedAccessRequestWithoutReviewIsCompleted() {
        ProcessInstance request = verifiedAndTriaged(VariableNames.TYPE_ACCESS);

        // the triage's job goes on to start the fulfilment: no job of its own (database work, retried with that job)
        assertThat(request).hasPassedInOrder(RECEIVE_TASK_AWAIT_VERIFICATION, EVENT_IDENTITY_VERIFIED,
                        TASK_GATHER_TRIAGE_FACTS, TASK_TRIAGE_EXEMPTIONS, GATEWAY_REVIEW_NEEDED,
                        GATEWAY_JOIN_FULFILMENT, TASK_START_FULFILMENT, GATEWAY_FULFILMENT_STARTED)
                .hasNotPassed(GATEWAY_JOIN_REVIEWED);
        assertWaitingAt(request, CALL_ACTIVITY_FULFIL);
        assertThat(variable(request, VariableNames.REVIEW_NEEDED)).isEqualTo(false);
        assertThat(variable(request, VariableNames.SUGGESTED_GROUNDS)).isEqualTo("");

        ProcessInstance access = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(AccessFulfilmentModel.PROCESS_ID).singleResult();
        assertThat(access).hasBusinessKey(REFERENCE).isWaitingAt(AccessFulfilmentModel.CALL_ACTIVITY_COUNT_IN_EVERY_SYSTEM);
        assertThat(runtimeService.getVariables(access.getId())).containsEntry(VariableNames.REQUEST_ID, REQUEST_ID)
                .containsEntry(VariableNames.REFERENCE, REFERENCE)
                .containsEntry(VariableNames.REQUEST_TYPE, VariableNames.TYPE_ACCESS)
                .containsEntry(VariableNames.DUE_DATE, DUE_DATE)
                .doesNotContainKeys(VariableNames.LEGAL_HOLD, VariableNames.REVIEW_NEEDED);

        runJobsAt(SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT,
                TASK_SEND_RESULT);

        assertThat(request).hasPassedInOrder(TASK_START_FULFILMENT, CALL_ACTIVITY_FULFIL,
                        GATEWAY_PARTLY_REFUSED, GATEWAY_JOIN_RESULT, TASK_SEND_RESULT,
                        GATEWAY_OUTCOME, END_EVENT_COMPLETED, END_EVENT_HANDLED)
                .hasNotPassed(CALL_ACTIVITY_REVIEW_EXEMPTIONS, CALL_ACTIVITY_APPROVE_REFUSAL,
                        EVENT_PARTIALLY_COMPLETED, END_EVENT_PARTIALLY_COMPLETED, END_EVENT_REFUSED)
                .isEnded();
        assertThat(calls).containsExactly(BEAN_ACKNOWLEDGE_REQUEST, BEAN_SEND_VERIFICATION_CODES,
                BEAN_GATHER_TRIAGE_FACTS, BEAN_START_FULFILMENT, SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS,
                AccessFulfilmentModel.BEAN_BUILD_ACCESS_REPORT,
                AccessFulfilmentModel.BEAN_PUBLISH_DOWNLOAD, BEAN_SEND_RESULT);
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_COMPLETED);
        assertThat(variable(request, VariableNames.OUTCOME)).isEqualTo(VariableNames.OUTCOME_COMPLETED);
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName("decisionResult").count())
                .as("the decision result map is not stored").isZero();
        assertThat(managementService.createJobQuery().count()).as("deadline timers removed").isZero();
    }

    @Test
    void accessFulfilmentReportingPartialResultEndsPartiallyCompleted() {
        accessOutcome = VariableNames.OUTCOME_PARTIALLY_COMPLETED;
        ProcessInstance request = verifiedAndTriaged(VariableNames.TYPE_ACCESS);

        runJobsAt(SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);

        assertThat(request).hasPassed(CALL_ACTIVITY_FULFIL, END_EVENT_PARTIALLY_COMPLETED)
                .hasNotPassed(END_EVENT_COMPLETED).isEnded();
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_PARTIALLY_COMPLETED);
    }

    @Test
    void otherRightsAreFulfilledManuallyByADataOperator() {
        ProcessInstance request = verifiedAndTriaged(VariableNames.TYPE_DELETE);

        assertWaitingAt(request, CALL_ACTIVITY_FULFIL);
        ProcessInstance manual = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ManualFulfilmentModel.PROCESS_ID).singleResult();
        assertThat(manual).hasBusinessKey(REFERENCE);
        assertWaitingAt(manual, ManualFulfilmentModel.TASK_FULFIL_MANUALLY);
        assertThat(runtimeService.getVariables(manual.getId()))
                .containsEntry(VariableNames.REQUEST_ID, REQUEST_ID)
                .containsEntry(VariableNames.REQUEST_TYPE, VariableNames.TYPE_DELETE);
        assertCandidateTask(ManualFulfilmentModel.TASK_FULFIL_MANUALLY, ManualFulfilmentModel.GROUP_DATA_OPERATORS,
                ManualFulfilmentModel.FORM_MANUAL_FULFILMENT);

        complete(ManualFulfilmentModel.TASK_FULFIL_MANUALLY, decision(VariableNames.OUTCOME_COMPLETED));
        runJobsAt(TASK_SEND_RESULT);

        assertThat(request).hasPassedInOrder(CALL_ACTIVITY_FULFIL, GATEWAY_JOIN_RESULT, TASK_SEND_RESULT,
                        END_EVENT_COMPLETED)
                .isEnded();
        assertThat(calls).contains(ManualFulfilmentModel.BEAN_MANUAL_FULFILMENT_LISTENER)
                .doesNotContain(AccessFulfilmentModel.BEAN_BUILD_ACCESS_REPORT);
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_COMPLETED);
    }

    // ------------------------------------------------------------------ exemption review

    @Test
    void reviewerLetsTheRequestProceed() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);

        assertThat(request).hasPassed(GATEWAY_REVIEW_NEEDED, GATEWAY_JOIN_REVIEW).hasNotPassed(GATEWAY_JOIN_REVIEWED);
        assertThat(variable(request, VariableNames.REVIEW_NEEDED)).isEqualTo(true);
        assertThat(variable(request, VariableNames.SUGGESTED_GROUNDS)).isEqualTo("LEGAL_OBLIGATION");
        assertCandidateTask(TASK_REVIEW_EXEMPTIONS, GROUP_PRIVACY_OFFICERS, FORM_EXEMPTION_REVIEW);
        // the review is a called process of its own (one group's tasks only), with the request's key and exactly
        // what its form shows and its listener checks
        ProcessInstance review = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ExemptionReviewModel.PROCESS_ID).singleResult();
        assertThat(review).hasBusinessKey(REFERENCE).isWaitingAt(TASK_REVIEW_EXEMPTIONS);
        assertThat(taskAt(TASK_REVIEW_EXEMPTIONS).getProcessInstanceId()).isEqualTo(review.getId());
        assertThat(runtimeService.getVariables(review.getId())).containsEntry(VariableNames.REQUEST_ID, REQUEST_ID)
                .containsEntry(VariableNames.REFERENCE, REFERENCE)
                .containsEntry(VariableNames.REQUEST_TYPE, VariableNames.TYPE_ACCESS)
                .containsEntry(VariableNames.DUE_DATE, DUE_DATE)
                .containsEntry(VariableNames.LEGAL_HOLD, true)
                .containsEntry(VariableNames.SUGGESTED_GROUNDS, "LEGAL_OBLIGATION")
                .containsEntry(VariableNames.REPEAT_COUNT, 0)
                .doesNotContainKeys(VariableNames.MANUAL_VERIFICATION_REASON,
                        VariableNames.REVIEW_NEEDED, VariableNames.REMINDER_DATE, VariableNames.ENTERED_BY_STAFF);

        complete(TASK_REVIEW_EXEMPTIONS, decision(VariableNames.PROCEED));

        assertThat(review).hasPassedInOrder(ExemptionReviewModel.START_EVENT_REVIEW_NEEDED, TASK_REVIEW_EXEMPTIONS,
                ExemptionReviewModel.END_EVENT_REVIEWED).isEnded();
        assertThat(variable(request, VariableNames.REVIEW_DECISION)).as("passed out").isEqualTo(VariableNames.PROCEED);
        assertThat(variable(request, VariableNames.REVIEW_PROPOSER)).as("passed out").isEqualTo("officer");
        assertThat(variable(request, VariableNames.RESTRICT_KEPT_DATA)).as("passed out").isEqualTo(false);
        // the reviewer's transaction ends before the fulfilment starts: that runs in a retried job
        assertThat(request).hasPassedInOrder(CALL_ACTIVITY_REVIEW_EXEMPTIONS, GATEWAY_REVIEW_DECISION)
                .hasNotPassed(TASK_START_FULFILMENT);
        assertWaitingAt(request, GATEWAY_JOIN_REVIEWED);
        assertThat(calls).endsWith(BEAN_GATHER_TRIAGE_FACTS, BEAN_EXEMPTION_REVIEW_LISTENER);

        runJobsAt(GATEWAY_JOIN_REVIEWED, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);
        assertThat(request).hasPassed(END_EVENT_COMPLETED).hasNotPassed(CALL_ACTIVITY_APPROVE_REFUSAL).isEnded();
    }

    @Test
    void approvedRefusalIsSentAsRefused() {
        facts.put(VariableNames.OPEN_INVESTIGATION, true);
        ProcessInstance request = inReview(VariableNames.TYPE_COPY);
        assertThat(variable(request, VariableNames.SUGGESTED_GROUNDS)).isEqualTo("CRIMINAL_PROCEEDINGS");

        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.REFUSE, "CRIMINAL_PROCEEDINGS"));

        assertThat(request).hasPassed(GATEWAY_REVIEW_DECISION);
        assertWaitingAt(request, CALL_ACTIVITY_APPROVE_REFUSAL);
        assertCandidateTask(RefusalApprovalModel.TASK_APPROVE_REFUSAL, RefusalApprovalModel.GROUP_LEGAL_REVIEWERS,
                RefusalApprovalModel.FORM_REFUSAL_APPROVAL);

        decideRefusal(VariableNames.APPROVE, "Explanation for " + VariableNames.APPROVE);

        assertThat(request).hasPassedInOrder(CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVAL, EVENT_REFUSAL_APPROVED,
                GATEWAY_JOIN_RESULT);
        assertWaitingAt(request, TASK_SEND_RESULT);
        assertThat(variable(request, VariableNames.OUTCOME)).isEqualTo(VariableNames.OUTCOME_REFUSED);

        runJobsAt(TASK_SEND_RESULT);

        assertThat(request).hasPassedInOrder(TASK_SEND_RESULT, GATEWAY_OUTCOME, END_EVENT_REFUSED, END_EVENT_HANDLED)
                .hasNotPassed(TASK_START_FULFILMENT, CALL_ACTIVITY_FULFIL,
                        END_EVENT_COMPLETED)
                .isEnded();
        assertThat(calls).doesNotContain(BEAN_START_FULFILMENT)
                .containsSubsequence(BEAN_EXEMPTION_REVIEW_LISTENER, RefusalApprovalModel.BEAN_REFUSAL_APPROVAL_LISTENER, BEAN_SEND_RESULT);
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_REFUSED);
        assertThat(variable(request, VariableNames.REVIEW_DECISION)).isEqualTo(VariableNames.REFUSE);
        assertThat(variable(request, VariableNames.APPROVAL_DECISION)).isEqualTo(VariableNames.APPROVE);
        // what the requester is told comes out of the called review; the form's own fields stay in it
        assertThat(variable(request, VariableNames.RESULT_GROUNDS)).isEqualTo("REVIEW_GROUNDS");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(request.getId())
                .variableNameIn(VariableNames.GROUNDS, VariableNames.EXPLANATION, VariableNames.DECISION).count()).isZero();
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName(VariableNames.GROUNDS).singleResult()
                .getValue().toString()).contains("CRIMINAL_PROCEEDINGS");
    }

    @Test
    void anApprovedRefusalOfADeletionOnImpracticalityRestrictsWhatItKeepsInEverySystemBeforeTheResult() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        restrictKeptData = true;
        ProcessInstance request = inReview(VariableNames.TYPE_DELETE);
        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.REFUSE, "IMPRACTICAL"));
        assertThat(calls).as("nothing is restricted on a proposal alone")
                .doesNotContain(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS);

        decideRefusal(VariableNames.APPROVE, "The data exists only on archived backup media.");

        assertThat(request).hasPassedInOrder(EVENT_REFUSAL_APPROVED, GATEWAY_KEPT_DATA_TO_RESTRICT);
        assertWaitingAt(request, CALL_ACTIVITY_RESTRICT_KEPT_DATA);
        runJobsAt(SystemStepsModel.TASK_PLAN_SYSTEM_STEPS, SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP,
                TASK_SEND_RESULT);

        assertThat(systemOperations).containsExactly("RESTRICT");
        assertThat(request).hasPassedInOrder(CALL_ACTIVITY_RESTRICT_KEPT_DATA, GATEWAY_JOIN_RESULT, TASK_SEND_RESULT,
                END_EVENT_REFUSED).hasNotPassed(TASK_START_FULFILMENT, CALL_ACTIVITY_FULFIL).isEnded();
        assertThat(calls).containsSubsequence(RefusalApprovalModel.BEAN_REFUSAL_APPROVAL_LISTENER,
                SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS, BEAN_SEND_RESULT);
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_REFUSED);
    }

    @Test
    void anApprovedRefusalOnOtherGroundsRestrictsNothing() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_DELETE);
        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.REFUSE, "LEGAL_OBLIGATION"));
        decideRefusal(VariableNames.APPROVE, "A court order requires us to keep it.");
        runJobsAt(TASK_SEND_RESULT);

        assertThat(request).hasPassedInOrder(EVENT_REFUSAL_APPROVED, GATEWAY_KEPT_DATA_TO_RESTRICT, GATEWAY_JOIN_RESULT,
                TASK_SEND_RESULT, END_EVENT_REFUSED).hasNotPassed(CALL_ACTIVITY_RESTRICT_KEPT_DATA).isEnded();
        assertThat(systemOperations).isEmpty();
    }

    @Test
    void rejectedRefusalGoesBackToTheReviewer() {
        facts.put(VariableNames.REPEAT_COUNT, 4);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);
        assertThat(variable(request, VariableNames.SUGGESTED_GROUNDS)).isEqualTo("REPETITIVE");
        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.REFUSE, "REPETITIVE"));

        decideRefusal(VariableNames.REJECT, "Explanation for " + VariableNames.REJECT);

        assertThat(request).hasPassedInOrder(CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVAL, GATEWAY_JOIN_REVIEW)
                .hasNotPassed(EVENT_REFUSAL_APPROVED, TASK_SEND_RESULT);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskDefinitionKey(TASK_REVIEW_EXEMPTIONS).count())
                .as("a second review task").isEqualTo(2);
        assertThat(variable(request, VariableNames.APPROVAL_COMMENT)).isEqualTo("Explanation for REJECT");
        // the officer's form shows what was sent back, and why
        ProcessInstance again = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ExemptionReviewModel.PROCESS_ID).singleResult();
        assertThat(runtimeService.getVariables(again.getId()))
                .containsEntry(VariableNames.APPROVAL_DECISION, VariableNames.REJECT)
                .containsEntry(VariableNames.APPROVAL_COMMENT, "Explanation for REJECT")
                .containsEntry(VariableNames.REVIEW_DECISION, VariableNames.REFUSE);

        complete(TASK_REVIEW_EXEMPTIONS, decision(VariableNames.PROCEED));
        assertWaitingAt(request, GATEWAY_JOIN_REVIEWED);
        runJobsAt(GATEWAY_JOIN_REVIEWED, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);
        assertThat(request).hasPassed(END_EVENT_COMPLETED).hasNotPassed(END_EVENT_REFUSED).isEnded();
    }

    @Test
    void approvedPartialRefusalIsFulfilledWithinTheApprovedScope() {
        facts.put(VariableNames.SENSITIVE_CATEGORIES, true);
        ProcessInstance request = inReview(VariableNames.TYPE_COPY);
        assertThat(variable(request, VariableNames.SUGGESTED_GROUNDS)).isEqualTo("");

        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.PARTIAL, "RISK_TO_OTHERS"));
        decideRefusal(VariableNames.APPROVE, "Explanation for " + VariableNames.APPROVE);

        assertThat(request).hasPassed(GATEWAY_REFUSAL_APPROVAL).hasNotPassed(EVENT_REFUSAL_APPROVED, TASK_START_FULFILMENT);
        assertWaitingAt(request, GATEWAY_JOIN_REVIEWED);

        runJobsAt(GATEWAY_JOIN_REVIEWED);
        assertThat(request).hasPassedInOrder(GATEWAY_JOIN_REVIEWED, GATEWAY_JOIN_FULFILMENT, TASK_START_FULFILMENT);
        complete(ManualFulfilmentModel.TASK_FULFIL_MANUALLY, decision(VariableNames.OUTCOME_PARTIALLY_COMPLETED));
        // what the operator could not do is refused too: a second person approves it
        decideRefusal(VariableNames.APPROVE, "The operator's reasons hold.");
        runJobsAt(TASK_SEND_RESULT);

        assertThat(request).hasPassed(CALL_ACTIVITY_FULFIL, GATEWAY_PARTLY_REFUSED,
                        END_EVENT_PARTIALLY_COMPLETED)
                .hasNotPassed(EVENT_PARTIALLY_COMPLETED, END_EVENT_REFUSED, END_EVENT_COMPLETED).isEnded();
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_PARTIALLY_COMPLETED);
        // the operator's reasons come back out of the called process
        assertThat(variable(request, VariableNames.RESULT_GROUNDS)).isEqualTo("OPERATOR_GROUNDS");
        assertThat(variable(request, VariableNames.RESULT_EXPLANATION)).isEqualTo("operator explanation");
    }

    @Test
    void fulfilmentCompletedWithinAPartialRefusalIsPartiallyCompleted() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);
        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.PARTIAL, "LEGAL_OBLIGATION"));
        decideRefusal(VariableNames.APPROVE, "Explanation for " + VariableNames.APPROVE);

        // the access fulfilment does all that was approved and reports COMPLETED
        runJobsAt(GATEWAY_JOIN_REVIEWED, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT);

        assertThat(request).hasPassedInOrder(CALL_ACTIVITY_FULFIL, GATEWAY_PARTLY_REFUSED,
                EVENT_PARTIALLY_COMPLETED, GATEWAY_JOIN_RESULT);
        assertWaitingAt(request, TASK_SEND_RESULT);
        runJobsAt(TASK_SEND_RESULT);

        assertThat(request).hasPassed(END_EVENT_PARTIALLY_COMPLETED).hasNotPassed(END_EVENT_COMPLETED).isEnded();
        assertThat(resultsSent).containsExactly(VariableNames.OUTCOME_PARTIALLY_COMPLETED);
        assertThat(variable(request, VariableNames.RESULT_GROUNDS)).isEqualTo("REVIEW_GROUNDS");
    }

    @Test
    void manualFulfilmentKeepsTheReasonsOfAnApprovedPartialRefusal() {
        facts.put(VariableNames.MINOR_ACCOUNT, true);
        ProcessInstance request = inReview(VariableNames.TYPE_DELETE);
        complete(TASK_REVIEW_EXEMPTIONS, refusal(VariableNames.PARTIAL, "LEGAL_OBLIGATION"));
        decideRefusal(VariableNames.APPROVE, "Explanation for " + VariableNames.APPROVE);
        runJobsAt(GATEWAY_JOIN_REVIEWED);

        ProcessInstance manual = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ManualFulfilmentModel.PROCESS_ID).singleResult();
        assertThat(runtimeService.getVariables(manual.getId()))
                .containsEntry(VariableNames.RESULT_GROUNDS, "REVIEW_GROUNDS")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "review explanation");
        complete(ManualFulfilmentModel.TASK_FULFIL_MANUALLY, decision(VariableNames.OUTCOME_COMPLETED));
        runJobsAt(TASK_SEND_RESULT);

        assertThat(request).hasPassed(EVENT_PARTIALLY_COMPLETED, END_EVENT_PARTIALLY_COMPLETED).isEnded();
        assertThat(variable(request, VariableNames.RESULT_GROUNDS)).isEqualTo("REVIEW_GROUNDS");
        assertThat(variable(request, VariableNames.RESULT_EXPLANATION)).isEqualTo("review explanation");
    }

    @Test
    void anUnknownReviewDecisionIsRejectedByTheModel() {
        facts.put(VariableNames.MINOR_ACCOUNT, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);
        String taskId = taskAt(TASK_REVIEW_EXEMPTIONS).getId();

        assertThatThrownBy(() -> taskService.complete(taskId, decision("MAYBE")))
                .hasMessageContaining(GATEWAY_REVIEW_DECISION);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS);
    }

    // ------------------------------------------------------------------ the clock and withdrawal

    @Test
    void dueSoonRemindsStaffWithoutInterruptingAndArmsTheDueDate() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);

        ClockUtil.setCurrentTime(plusMinutes(REMINDER_DATE, -1));
        assertThat(dueTimerActivities()).isEmpty();
        ClockUtil.setCurrentTime(plusMinutes(REMINDER_DATE, 1));
        assertThat(dueTimerActivities()).containsExactly(START_EVENT_DUE_SOON);

        runJobsAt(START_EVENT_DUE_SOON);
        assertThat(jobAt(TIMER_EVENT_DUE_DATE).getDuedate()).as("created in the due-soon timer's job, from the stored date")
                .isEqualTo(DUE_DATE);
        runJobsAt(TASK_REMIND_STAFF);

        assertThat(request).hasPassedInOrder(START_EVENT_DUE_SOON, GATEWAY_REMIND_AND_AWAIT_THE_DUE_DATE,
                TASK_REMIND_STAFF, END_EVENT_STAFF_REMINDED);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS, TIMER_EVENT_DUE_DATE);
        assertThat(calls).endsWith(BEAN_REMIND_STAFF);
        assertThat(hasJobAt(START_EVENT_DUE_SOON)).as("reminds once").isFalse();
    }

    @Test
    void theDueDateTimerIsCreatedFromTheDueDateAsMovedSinceTheFiling() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);
        // an extension moved the clock (DeadlineTimers: the existing timer job and the two variables)
        Date extended = plusDays(DUE_DATE, 30);
        runtimeService.setVariable(request.getId(), VariableNames.DUE_DATE, extended);

        ClockUtil.setCurrentTime(plusMinutes(REMINDER_DATE, 1));
        runJobsAt(START_EVENT_DUE_SOON);

        assertThat(jobAt(TIMER_EVENT_DUE_DATE).getDuedate()).isEqualTo(extended);
        ClockUtil.setCurrentTime(plusMinutes(DUE_DATE, 1));
        assertThat(dueTimerActivities()).as("not at the filing's due date").isEmpty();
    }

    @Test
    void dueDateEscalatesWithoutInterrupting() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);

        ClockUtil.setCurrentTime(plusMinutes(DUE_DATE, 1));
        assertThat(dueTimerActivities()).containsExactly(START_EVENT_DUE_SOON);
        runJobsAt(START_EVENT_DUE_SOON, TASK_REMIND_STAFF);
        assertThat(dueTimerActivities()).containsExactly(TIMER_EVENT_DUE_DATE);

        runJobsAt(TIMER_EVENT_DUE_DATE, TASK_ESCALATE_OVERDUE);

        assertThat(request).hasPassedInOrder(START_EVENT_DUE_SOON, TIMER_EVENT_DUE_DATE, TASK_ESCALATE_OVERDUE,
                END_EVENT_ESCALATED);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS);
        assertThat(calls).endsWith(BEAN_ESCALATE_OVERDUE);
        assertThat(hasJobAt(TIMER_EVENT_DUE_DATE)).isFalse();

        // the overdue request still finishes normally
        complete(TASK_REVIEW_EXEMPTIONS, decision(VariableNames.PROCEED));
        runJobsAt(GATEWAY_JOIN_REVIEWED, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);
        assertThat(request).hasPassed(END_EVENT_COMPLETED, END_EVENT_HANDLED).isEnded();
        assertThat(managementService.createJobQuery().count()).isZero();
    }

    @Test
    void aRequestThatEndsWhileTheDueDateIsAwaitedLeavesNoTimerBehind() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);
        ClockUtil.setCurrentTime(plusMinutes(REMINDER_DATE, 1));
        runJobsAt(START_EVENT_DUE_SOON, TASK_REMIND_STAFF);
        assertThat(hasJobAt(TIMER_EVENT_DUE_DATE)).isTrue();

        correlate(MSG_IDENTITY_VERIFIED);
        runJobsAt(TASK_GATHER_TRIAGE_FACTS, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);

        // the terminate end event ends the clock's event sub-process with the request
        assertThat(request).hasPassed(END_EVENT_COMPLETED, END_EVENT_HANDLED).hasNotPassed(TASK_ESCALATE_OVERDUE)
                .isEnded();
        assertThat(managementService.createJobQuery().count()).as("no timer left behind").isZero();
    }

    @Test
    void withdrawalWhileAwaitingVerificationEndsTheRequest() {
        ProcessInstance request = awaitingVerification(VariableNames.TYPE_ACCESS);

        correlate(MSG_REQUEST_WITHDRAWN);

        assertThat(request).hasPassed(BOUNDARY_EVENT_WITHDRAWN);
        assertWaitingAt(request, TASK_CONFIRM_WITHDRAWAL);
        runJobsAt(TASK_CONFIRM_WITHDRAWAL);

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_WITHDRAWN, TASK_CONFIRM_WITHDRAWAL, END_EVENT_WITHDRAWN)
                .hasNotPassed(EVENT_IDENTITY_VERIFIED, END_EVENT_HANDLED)
                .isEnded();
        assertThat(calls).endsWith(BEAN_CONFIRM_WITHDRAWAL);
        assertThat(managementService.createJobQuery().count()).as("every timer cancelled").isZero();
    }

    @Test
    void withdrawalDuringReviewCancelsTheReviewTask() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);

        correlate(MSG_REQUEST_WITHDRAWN);
        runJobsAt(TASK_CONFIRM_WITHDRAWAL);

        assertThat(request).hasPassed(END_EVENT_WITHDRAWN).hasNotPassed(GATEWAY_REVIEW_DECISION).isEnded();
        assertThat(taskService.createTaskQuery().count()).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ExemptionReviewModel.PROCESS_ID)
                .count()).as("the called review ends with the request").isZero();
        HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(request.getId()).singleResult();
        assertThat(history.getEndActivityId()).isEqualTo(END_EVENT_WITHDRAWN);
    }

    // ------------------------------------------------------------------ findings, referrals and pauses

    /** As RequestEventBridge correlates it: with the date until which the requester may answer. */
    private void askForClarification() {
        runtimeService.createMessageCorrelation(MSG_CLARIFICATION_REQUESTED).processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.CLARIFICATION_ANSWER_BY, plusDays(ClockUtil.getCurrentTime(), 30)).correlateAll();
    }

    @Test
    void aDeletionWithoutAStatedGroundGoesToAnOfficerAndIsNeverRefusedByTheProduct() {
        facts.put(VariableNames.DELETION_GROUND_MISSING, true);
        ProcessInstance request = inReview(VariableNames.TYPE_DELETE);

        assertThat(variable(request, VariableNames.SUGGESTED_GROUNDS)).isEqualTo("DELETION_GROUND_MISSING");
        assertThat(request).hasNotPassed(END_EVENT_REFUSED, TASK_SEND_RESULT);
        assertCandidateTask(TASK_REVIEW_EXEMPTIONS, GROUP_PRIVACY_OFFICERS, FORM_EXEMPTION_REVIEW);

        // the officer judges that a ground applies after all (e.g. the requester named it on the phone)
        complete(TASK_REVIEW_EXEMPTIONS, decision(VariableNames.PROCEED));
        assertWaitingAt(request, GATEWAY_JOIN_REVIEWED);
    }

    @Test
    void aRequestReferredBeforeItsTriageIsReviewedEvenWhenTheRulesWouldLetItThrough() {
        facts.put(VariableNames.REFERRED_TO_REVIEW, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);

        assertThat(variable(request, VariableNames.REVIEW_NEEDED)).as("the DMN alone would not review it").isEqualTo(false);
        assertThat(request).hasPassedInOrder(TASK_TRIAGE_EXEMPTIONS, GATEWAY_REVIEW_NEEDED, GATEWAY_JOIN_REVIEW);
    }

    @Test
    void aRequestReferredAfterItsTriageGoesToTheReviewInsteadOfItsFulfilment() {
        // referred after the triage read its facts, before the fulfilment's start locked the request (same job)
        fulfilmentStarts.add(VariableNames.FULFILMENT_REFERRED_TO_REVIEW);
        ProcessInstance request = verifiedAndTriaged(VariableNames.TYPE_ACCESS);

        assertThat(request).hasPassedInOrder(TASK_TRIAGE_EXEMPTIONS, GATEWAY_REVIEW_NEEDED, TASK_START_FULFILMENT,
                        GATEWAY_FULFILMENT_STARTED, GATEWAY_JOIN_REVIEW)
                .hasNotPassed(CALL_ACTIVITY_FULFIL);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS);

        complete(TASK_REVIEW_EXEMPTIONS, decision(VariableNames.PROCEED));
        runJobsAt(GATEWAY_JOIN_REVIEWED, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);
        assertThat(request).hasPassed(CALL_ACTIVITY_FULFIL, END_EVENT_COMPLETED).isEnded();
    }

    @Test
    void aClarificationRunsBesideTheReviewAndEndsWhenTheClockRunsAgain() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);

        askForClarification();

        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS, RECEIVE_TASK_AWAIT_CLARIFICATION);
        assertThat(jobAt(BOUNDARY_EVENT_CLARIFICATION_UNANSWERED).getDuedate()).isEqualTo(plusDays(NOW, 30));

        runtimeService.createMessageCorrelation(MSG_CLOCK_RESUMED).processInstanceBusinessKey(REFERENCE).correlateAll();

        assertThat(request).hasPassedInOrder(START_EVENT_CLARIFICATION_REQUESTED, RECEIVE_TASK_AWAIT_CLARIFICATION,
                END_EVENT_CLOCK_RESUMED);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS);
        assertThat(hasJobAt(BOUNDARY_EVENT_CLARIFICATION_UNANSWERED)).isFalse();
    }

    @Test
    void fulfilmentWaitsWhileTheClockIsPausedAndStartsWhenItRunsAgain() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);
        askForClarification();
        complete(TASK_REVIEW_EXEMPTIONS, decision(VariableNames.PROCEED));
        fulfilmentStarts.add(VariableNames.FULFILMENT_WAITING_FOR_REQUESTER);

        runJobsAt(GATEWAY_JOIN_REVIEWED);

        assertThat(request).hasPassedInOrder(TASK_START_FULFILMENT, GATEWAY_FULFILMENT_STARTED)
                .hasNotPassed(CALL_ACTIVITY_FULFIL);
        assertWaitingAt(request, EVENT_CLOCK_RESUMED, RECEIVE_TASK_AWAIT_CLARIFICATION);

        // the requester answers: both waits end with the one message
        runtimeService.createMessageCorrelation(MSG_CLOCK_RESUMED).processInstanceBusinessKey(REFERENCE).correlateAll();

        // the resume only ends the wait: the fulfilment's start is tried again in a job (asyncAfter)
        assertThat(request).hasPassed(EVENT_CLOCK_RESUMED, END_EVENT_CLOCK_RESUMED);
        assertWaitingAt(request, EVENT_CLOCK_RESUMED);
        runJobsAt(EVENT_CLOCK_RESUMED, SystemStepsModel.TASK_PLAN_SYSTEM_STEPS,
                SystemStepsModel.CALL_ACTIVITY_EACH_SYSTEM_STEP, AccessFulfilmentModel.TASK_BUILD_ACCESS_REPORT, TASK_SEND_RESULT);
        assertThat(request).hasPassed(END_EVENT_COMPLETED).isEnded();
        assertThat(calls).containsSubsequence(BEAN_START_FULFILMENT, BEAN_START_FULFILMENT,
                AccessFulfilmentModel.BEAN_BUILD_ACCESS_REPORT);
    }

    @Test
    void thirtyDaysWithoutAnAnswerCloseTheRequest() {
        facts.put(VariableNames.LEGAL_HOLD, true);
        ProcessInstance request = inReview(VariableNames.TYPE_ACCESS);
        ClockUtil.setCurrentTime(plusDays(NOW, 2));
        askForClarification();

        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 32), -1));
        assertThat(dueTimerActivities()).doesNotContain(BOUNDARY_EVENT_CLARIFICATION_UNANSWERED);
        ClockUtil.setCurrentTime(plusMinutes(plusDays(NOW, 32), 1));
        assertThat(dueTimerActivities()).contains(BOUNDARY_EVENT_CLARIFICATION_UNANSWERED);

        runJobsAt(BOUNDARY_EVENT_CLARIFICATION_UNANSWERED);
        assertWaitingAt(request, CALL_ACTIVITY_REVIEW_EXEMPTIONS, TASK_CLOSE_UNANSWERED);
        runJobsAt(TASK_CLOSE_UNANSWERED);

        assertThat(request).hasPassedInOrder(BOUNDARY_EVENT_CLARIFICATION_UNANSWERED, TASK_CLOSE_UNANSWERED,
                        END_EVENT_CLARIFICATION_CLOSED, BOUNDARY_EVENT_CLOSED_UNANSWERED, END_EVENT_CLOSED_UNANSWERED)
                .hasNotPassed(END_EVENT_HANDLED, TASK_SEND_RESULT)
                .isEnded();
        assertThat(calls).endsWith(BEAN_CLOSE_UNANSWERED);
        assertThat(taskService.createTaskQuery().count()).as("the open review ends with the request").isZero();
        assertThat(managementService.createJobQuery().count()).as("every timer cancelled").isZero();
    }
}
