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

@Deployment(resources = {AccountCancellationModel.RESOURCE, DeletionFulfilmentModel.RESOURCE})
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
        delegate(BEAN_CLOSE_BLOCKED, execution -> {
            execution.setVariable(Variables.OUTCOME, Variables.OUTCOME_REFUSED);
            execution.setVariable(Variables.RESULT_EXPLANATION, "unpaid bills: 1");
        });
        delegate(BEAN_START_COOLING_OFF, execution -> execution.setVariable(COOLING_OFF_ENDS, COOLING_OFF_ENDS_AT));
        delegate(BEAN_DEACTIVATE_ACCOUNT);
        delegate(BEAN_SEND_CANCELLATION_CERTIFICATE,
                execution -> execution.setVariable(Variables.OUTCOME, Variables.OUTCOME_COMPLETED));
        // the called DeletionFulfilmentProcess, with its own delegates
        delegate(DeletionFulfilmentModel.BEAN_PLAN_ERASURE,
                execution -> execution.setVariable(DeletionFulfilmentModel.ERASURE_REFUSED, false));
        delegate(DeletionFulfilmentModel.BEAN_ERASE_NOW);
        delegate(DeletionFulfilmentModel.BEAN_RESTRICT_HELD);
        delegate(DeletionFulfilmentModel.BEAN_SCHEDULE_DEFERRED_ERASURE);
        delegate(DeletionFulfilmentModel.BEAN_NOTIFY_ERASURE,
                execution -> execution.setVariable(Variables.OUTCOME, Variables.OUTCOME_COMPLETED));
    }

    private ProcessInstance start(Boolean... blocked) {
        blockedAnswers.addAll(List.of(blocked));
        ProcessInstance cancellation = runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                Variables.REQUEST_ID, REQUEST_ID, Variables.REFERENCE, REFERENCE,
                Variables.REQUEST_TYPE, Variables.TYPE_CANCEL_ACCOUNT, Variables.DUE_DATE, plusDays(NOW, 15)));
        runJobsAt(TASK_CHECK_BLOCKERS);
        return cancellation;
    }

    private void coolingOffEndsAndTheAccountIsCancelled(ProcessInstance cancellation) {
        // the event-based gateway is where the instance waits: for the revocation message or the timer
        assertWaitingAt(cancellation, GATEWAY_AWAIT_REVOCATION);
        assertThat(runtimeService.createEventSubscriptionQuery().eventName(MSG_CANCELLATION_REVOKED).count()).isEqualTo(1);
        assertThat(jobAt(TIMER_EVENT_COOLING_OFF_ENDS).getDuedate()).isEqualTo(COOLING_OFF_ENDS_AT);
        ClockUtil.setCurrentTime(COOLING_OFF_ENDS_AT);
        runJobsAt(TIMER_EVENT_COOLING_OFF_ENDS, TASK_DEACTIVATE_ACCOUNT,
                DeletionFulfilmentModel.TASK_PLAN_ERASURE, DeletionFulfilmentModel.TASK_ERASE_NOW,
                DeletionFulfilmentModel.TASK_RESTRICT_HELD, DeletionFulfilmentModel.TASK_SCHEDULE_DEFERRED_ERASURE,
                DeletionFulfilmentModel.TASK_NOTIFY_ERASURE, TASK_SEND_CANCELLATION_CERTIFICATE);
        assertThat(cancellation).hasPassedInOrder(TIMER_EVENT_COOLING_OFF_ENDS, TASK_DEACTIVATE_ACCOUNT,
                CALL_ACTIVITY_ERASE_ALL, TASK_SEND_CANCELLATION_CERTIFICATE, END_EVENT_CANCELLED).isEnded();
        assertThat(cancellation).variables().containsEntry(Variables.OUTCOME, Variables.OUTCOME_COMPLETED);
    }

    @Test
    void notBlockedCoolsOffThenDeactivatesErasesAndCertifies() {
        ProcessInstance cancellation = start(false);
        runJobsAt(TASK_START_COOLING_OFF);
        assertThat(dueTimerActivities()).as("nothing happens during the cooling-off period").isEmpty();
        coolingOffEndsAndTheAccountIsCancelled(cancellation);
        assertThat(calls).containsExactly(BEAN_CHECK_BLOCKERS, BEAN_START_COOLING_OFF, BEAN_DEACTIVATE_ACCOUNT,
                DeletionFulfilmentModel.BEAN_PLAN_ERASURE, DeletionFulfilmentModel.BEAN_ERASE_NOW,
                DeletionFulfilmentModel.BEAN_RESTRICT_HELD, DeletionFulfilmentModel.BEAN_SCHEDULE_DEFERRED_ERASURE,
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
        assertThat(cancellation).variables().containsEntry(Variables.OUTCOME, OUTCOME_WITHDRAWN);
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

    @Test
    void stillBlockedAtTheDeadlineClosesWithReasons() {
        ProcessInstance cancellation = start(true);
        runJobsAt(TASK_NOTIFY_BLOCKERS);
        // the daily re-checks until the deadline find the account still blocked
        for (int day = 1; day < 6; day++) {
            ClockUtil.setCurrentTime(plusDays(NOW, day));
            runJobsAt(TIMER_EVENT_DAILY_RECHECK, TASK_CHECK_BLOCKERS, TASK_NOTIFY_BLOCKERS);
        }
        ClockUtil.setCurrentTime(BLOCKERS_DEADLINE_AT);
        assertThat(dueTimerActivities()).contains(TIMER_EVENT_BLOCKERS_DEADLINE);
        runJobsAt(TIMER_EVENT_BLOCKERS_DEADLINE, TASK_CLOSE_BLOCKED);

        assertThat(cancellation).hasPassed(TIMER_EVENT_BLOCKERS_DEADLINE, TASK_CLOSE_BLOCKED, END_EVENT_CLOSED_BLOCKED)
                .isEnded();
        assertThat(cancellation).hasNotPassed(TASK_START_COOLING_OFF, TASK_DEACTIVATE_ACCOUNT);
        assertThat(cancellation).variables().containsEntry(Variables.OUTCOME, Variables.OUTCOME_REFUSED)
                .containsEntry(Variables.RESULT_EXPLANATION, "unpaid bills: 1");
    }
}
