package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.AccountCancellationModel.*;

import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@Deployment(resources = {AccountCancellationModel.RESOURCE, DeletionFulfilmentModel.RESOURCE,
        RefusalApprovalModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE,
        "forms/Form_BlockedCancellation.form", "forms/Form_RefusalApproval.form"})
class AccountCancellationProcessTest extends ProcessModelTestSupport {

    static final Date BLOCKERS_DEADLINE_AT = plusDays(NOW, 6);
    static final Date COOLING_OFF_ENDS_AT = plusDays(NOW, 7);

    /** What each blocker check answers, in order (the last answer repeats). */
    private final Deque<Boolean> blockedAnswers = new ArrayDeque<>();

    @BeforeEach
    void mocks() {
        delegate(BEAN_CHECK_BLOCKERS, execution -> {
            boolean blocked = blockedAnswers.size() > 1 ? blockedAnswers.pop() : blockedAnswers.peek();
            execution.setVariable(BLOCKED, blocked);
            execution.setVariable(BLOCKERS_DEADLINE, BLOCKERS_DEADLINE_AT);
            execution.setVariable(CANCELLATION_DEADLINE, plusDays(NOW, 15));
        });
        delegate(BEAN_NOTIFY_BLOCKERS);
        delegate(BEAN_CLOSE_BLOCKED, execution -> execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED));
        // the officer's decision, as blockedCancellationListener copies it (the real one is tested with its services)
        taskListener(BEAN_BLOCKED_CANCELLATION_LISTENER, task -> {
            if ("complete".equals(task.getEventName())) {
                Object decision = task.getVariable(VariableNames.DECISION);
                task.setVariable(BLOCKED_DECISION, decision);
                if (REFUSE.equals(decision)) {
                    task.setVariable(VariableNames.REVIEW_PROPOSER, "officer");
                    task.setVariable(VariableNames.REVIEW_DECISION, REFUSE);
                    task.setVariable(VariableNames.RESULT_GROUNDS, "LEGAL_OBLIGATION");
                    task.setVariable(VariableNames.RESULT_EXPLANATION, task.getVariable(VariableNames.EXPLANATION));
                }
                task.removeVariable(VariableNames.DECISION);
                task.removeVariable(VariableNames.EXPLANATION);
            }
        });
        approvalListener();
        delegate(BEAN_START_COOLING_OFF, execution -> execution.setVariable(COOLING_OFF_ENDS, COOLING_OFF_ENDS_AT));
        delegate(BEAN_DEACTIVATE_ACCOUNT);
        delegate(BEAN_SEND_CANCELLATION_CERTIFICATE,
                execution -> execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED));
        // the called DeletionFulfilmentProcess, with its own delegates
        delegate(DeletionFulfilmentModel.BEAN_PLAN_ERASURE,
                execution -> execution.setVariable(DeletionFulfilmentModel.ERASURE_REFUSED, false));
        systemStepsByConnector();
        delegate(DeletionFulfilmentModel.BEAN_SCHEDULE_DEFERRED_ERASURE);
        delegate(DeletionFulfilmentModel.BEAN_NOTIFY_ERASURE,
                execution -> execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED));
    }

    private ProcessInstance start(Boolean... blocked) {
        blockedAnswers.addAll(List.of(blocked));
        ProcessInstance cancellation = runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_CANCEL_ACCOUNT, VariableNames.DUE_DATE, plusDays(NOW, 15)));
        runJobsAt(TASK_CHECK_BLOCKERS);
        return cancellation;
    }

    private void coolingOffEndsAndTheAccountIsCancelled(ProcessInstance cancellation) {
        // the event-based gateway is where the instance waits: for the revocation message or the timer
        assertWaitingAt(cancellation, GATEWAY_AWAIT_REVOCATION);
        assertThat(runtimeService.createEventSubscriptionQuery().eventName(MSG_CANCELLATION_REVOKED).count()).isEqualTo(1);
        assertThat(jobAt(TIMER_EVENT_COOLING_OFF_ENDS).getDuedate()).isEqualTo(COOLING_OFF_ENDS_AT);
        ClockUtil.setCurrentTime(COOLING_OFF_ENDS_AT);
        runJobsAt(TIMER_EVENT_COOLING_OFF_ENDS, TASK_DEACTIVATE_ACCOUNT, DeletionFulfilmentModel.TASK_PLAN_ERASURE);
        runSystemStepJobs();
        runJobsAt(DeletionFulfilmentModel.TASK_SCHEDULE_DEFERRED_ERASURE, DeletionFulfilmentModel.TASK_NOTIFY_ERASURE,
                TASK_SEND_CANCELLATION_CERTIFICATE);
        assertThat(cancellation).hasPassedInOrder(TIMER_EVENT_COOLING_OFF_ENDS, TASK_DEACTIVATE_ACCOUNT,
                CALL_ACTIVITY_ERASE_ALL, TASK_SEND_CANCELLATION_CERTIFICATE, END_EVENT_CANCELLED).isEnded();
        assertThat(cancellation).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void notBlockedCoolsOffThenDeactivatesErasesAndCertifies() {
        ProcessInstance cancellation = start(false);
        runJobsAt(TASK_START_COOLING_OFF);
        assertThat(dueTimerActivities()).as("nothing happens during the cooling-off period").isEmpty();
        coolingOffEndsAndTheAccountIsCancelled(cancellation);
        assertThat(calls).containsExactly(BEAN_CHECK_BLOCKERS, BEAN_START_COOLING_OFF, BEAN_DEACTIVATE_ACCOUNT,
                DeletionFulfilmentModel.BEAN_PLAN_ERASURE, SYSTEM_STEP_CALLS[0], SYSTEM_STEP_CALLS[1],
                SYSTEM_STEP_CALLS[2], DeletionFulfilmentModel.BEAN_SCHEDULE_DEFERRED_ERASURE,
                DeletionFulfilmentModel.BEAN_NOTIFY_ERASURE, BEAN_SEND_CANCELLATION_CERTIFICATE);
        assertThat(cancellation).hasNotPassed(TASK_NOTIFY_BLOCKERS);
    }

    @Test
    void revokedDuringCoolingOffEndsWithoutTouchingTheAccount() {
        ProcessInstance cancellation = start(false);
        runJobsAt(TASK_START_COOLING_OFF);
        runtimeService.createMessageCorrelation(MSG_CANCELLATION_REVOKED).processInstanceBusinessKey(REFERENCE)
                .correlate();
        assertThat(cancellation).hasPassed(EVENT_CANCELLATION_REVOKED, END_EVENT_REVOKED).isEnded();
        assertThat(cancellation).variables().containsEntry(VariableNames.OUTCOME, OUTCOME_WITHDRAWN);
        assertThat(calls).containsExactly(BEAN_CHECK_BLOCKERS, BEAN_START_COOLING_OFF);
        assertThat(hasJobAt(TIMER_EVENT_COOLING_OFF_ENDS)).isFalse();
    }

    @Test
    void blockedWaitsUntilTheBlockersAreClearedThenCoolsOff() {
        ProcessInstance cancellation = start(true, false);
        runJobsAt(TASK_NOTIFY_BLOCKERS);
        assertWaitingAt(cancellation, GATEWAY_AWAIT_BLOCKERS);
        assertThat(runtimeService.createEventSubscriptionQuery().eventName(MSG_BLOCKERS_CLEARED).count()).isEqualTo(1);
        assertThat(jobAt(TIMER_EVENT_BLOCKERS_DEADLINE).getDuedate()).isEqualTo(BLOCKERS_DEADLINE_AT);
        assertThat(jobAt(TIMER_EVENT_DAILY_RECHECK).getDuedate()).isEqualTo(plusDays(NOW, 1));

        runtimeService.createMessageCorrelation(MSG_BLOCKERS_CLEARED).processInstanceBusinessKey(REFERENCE).correlate();
        runJobsAt(TASK_CHECK_BLOCKERS, TASK_START_COOLING_OFF);
        assertThat(hasJobAt(TIMER_EVENT_BLOCKERS_DEADLINE)).as("the blocker wait is over").isFalse();
        coolingOffEndsAndTheAccountIsCancelled(cancellation);
        assertThat(calls).startsWith(BEAN_CHECK_BLOCKERS, BEAN_NOTIFY_BLOCKERS, BEAN_CHECK_BLOCKERS,
                BEAN_START_COOLING_OFF, BEAN_DEACTIVATE_ACCOUNT);
    }

    @Test
    void blockedIsCheckedAgainEveryDay() {
        ProcessInstance cancellation = start(true, true, false);
        runJobsAt(TASK_NOTIFY_BLOCKERS);

        ClockUtil.setCurrentTime(plusDays(NOW, 1));
        assertThat(dueTimerActivities()).containsExactly(TIMER_EVENT_DAILY_RECHECK);
        runJobsAt(TIMER_EVENT_DAILY_RECHECK, TASK_CHECK_BLOCKERS, TASK_NOTIFY_BLOCKERS);
        assertWaitingAt(cancellation, GATEWAY_AWAIT_BLOCKERS);
        assertThat(runtimeService.createEventSubscriptionQuery().eventName(MSG_BLOCKERS_CLEARED).count()).isEqualTo(1);
        assertThat(jobAt(TIMER_EVENT_BLOCKERS_DEADLINE).getDuedate()).as("the deadline stays").isEqualTo(BLOCKERS_DEADLINE_AT);

        ClockUtil.setCurrentTime(plusDays(NOW, 2));
        runJobsAt(TIMER_EVENT_DAILY_RECHECK, TASK_CHECK_BLOCKERS);
        assertWaitingAt(cancellation, TASK_START_COOLING_OFF);
        assertThat(calls).containsExactly(BEAN_CHECK_BLOCKERS, BEAN_NOTIFY_BLOCKERS, BEAN_CHECK_BLOCKERS,
                BEAN_NOTIFY_BLOCKERS, BEAN_CHECK_BLOCKERS);
    }

    /** Blocked, re-checked daily until the end of the wait, still blocked: the instance waits for an officer. */
    private ProcessInstance stillBlockedAtTheDeadline() {
        ProcessInstance cancellation = start(true);
        runJobsAt(TASK_NOTIFY_BLOCKERS);
        for (int day = 1; day < 6; day++) {
            ClockUtil.setCurrentTime(plusDays(NOW, day));
            runJobsAt(TIMER_EVENT_DAILY_RECHECK, TASK_CHECK_BLOCKERS, TASK_NOTIFY_BLOCKERS);
        }
        ClockUtil.setCurrentTime(BLOCKERS_DEADLINE_AT);
        assertThat(dueTimerActivities()).contains(TIMER_EVENT_BLOCKERS_DEADLINE);
        runJobsAt(TIMER_EVENT_BLOCKERS_DEADLINE);
        return cancellation;
    }

    private void decide(String decision, String explanation) {
        complete(TASK_DECIDE_BLOCKED_CANCELLATION, Map.of(VariableNames.DECISION, decision, VariableNames.EXPLANATION, explanation));
    }

    @Test
    void stillBlockedAtTheDeadlineGoesToAnOfficerNotToARefusal() {
        ProcessInstance cancellation = stillBlockedAtTheDeadline();

        assertWaitingAt(cancellation, TASK_DECIDE_BLOCKED_CANCELLATION);
        org.camunda.bpm.engine.task.Task task = taskAt(TASK_DECIDE_BLOCKED_CANCELLATION);
        assertThat(task).hasCandidateGroup(GROUP_PRIVACY_OFFICERS).hasDueDate(plusDays(NOW, 15));
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(FORM_BLOCKED_CANCELLATION);
        assertThat(deployedForm(task.getId())).contains("{{openBlockers}}", "{{approvalComment}}");
        assertThat(cancellation).hasNotPassed(TASK_CLOSE_BLOCKED);
        assertThat(cancellation).variables().doesNotContainKey(VariableNames.OUTCOME);
    }

    @Test
    void aRefusalOfTheBlockedCancellationNeedsASecondPerson() {
        ProcessInstance cancellation = stillBlockedAtTheDeadline();
        decide(REFUSE, "Two bills are still unpaid; settle them and file a new request.");

        assertWaitingAt(cancellation, CALL_ACTIVITY_APPROVE_REFUSAL);
        assertThat(taskService.getVariable(taskAt(RefusalApprovalModel.TASK_APPROVE_REFUSAL).getId(),
                RefusalApprovalModel.REFUSAL_SUBJECT)).isEqualTo("CANCELLATION");
        decideRefusal("APPROVE", "Confirmed in the billing system.");
        runJobsAt(TASK_CLOSE_BLOCKED);

        assertThat(cancellation).hasPassedInOrder(TASK_DECIDE_BLOCKED_CANCELLATION, GATEWAY_BLOCKED_DECISION,
                CALL_ACTIVITY_APPROVE_REFUSAL, GATEWAY_REFUSAL_APPROVED, TASK_CLOSE_BLOCKED, END_EVENT_CLOSED_BLOCKED)
                .isEnded();
        assertThat(cancellation).hasNotPassed(TASK_START_COOLING_OFF, TASK_DEACTIVATE_ACCOUNT);
        assertThat(cancellation).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED)
                .containsEntry(VariableNames.RESULT_GROUNDS, "LEGAL_OBLIGATION")
                .containsEntry(VariableNames.RESULT_EXPLANATION, "Two bills are still unpaid; settle them and file a new request.");
    }

    @Test
    void aRefusalSentBackReturnsToTheOfficerWhoMayThenGoOn() {
        ProcessInstance cancellation = stillBlockedAtTheDeadline();
        decide(REFUSE, "Two bills are still unpaid.");
        decideRefusal("REJECT", "The bills were written off last week: check again.");

        assertWaitingAt(cancellation, TASK_DECIDE_BLOCKED_CANCELLATION);
        assertThat(cancellation).variables().containsEntry(VariableNames.APPROVAL_COMMENT,
                "The bills were written off last week: check again.");
        decide(PROCEED, "The bills were written off by billing; nothing else is open.");

        assertThat(cancellation).hasPassed(GATEWAY_BLOCKED_DECISION).hasNotPassed(TASK_CLOSE_BLOCKED);
        runJobsAt(TASK_START_COOLING_OFF);
        coolingOffEndsAndTheAccountIsCancelled(cancellation);
    }

    @Test
    void blockersClearedWhileTheOfficerDecidesGoBackToTheCheck() {
        ProcessInstance cancellation = stillBlockedAtTheDeadline();
        blockedAnswers.clear();
        blockedAnswers.add(false);

        runtimeService.createMessageCorrelation(MSG_BLOCKERS_CLEARED).processInstanceBusinessKey(REFERENCE).correlate();

        assertThat(cancellation).hasPassed(BOUNDARY_EVENT_BLOCKERS_CLEARED_DURING_DECISION);
        assertThat(taskService.createTaskQuery().taskDefinitionKey(TASK_DECIDE_BLOCKED_CANCELLATION).count()).isZero();
        runJobsAt(TASK_CHECK_BLOCKERS, TASK_START_COOLING_OFF);
        coolingOffEndsAndTheAccountIsCancelled(cancellation);
    }
}
