package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.rightsflow.process.delegate.AnnounceRestrictionDelegate;
import org.rightsflow.process.delegate.AnnounceRestrictionEndedDelegate;
import org.rightsflow.process.delegate.EndRestrictionPeriodDelegate;
import org.rightsflow.process.delegate.LiftRestrictionAtEndDateDelegate;
import org.rightsflow.process.delegate.StartRestrictionPeriodDelegate;

/**
 * RESTRICT's two models with the real period delegates (the restriction service mocked): a restriction is recorded,
 * flagged by every system in its own step and only then announced, and starts its own period process, which ends it at
 * its end date by a timer (the systems lift it, then the notice), or stops waiting when a lift request lifted it (the
 * systems lift it, then the notice); one without an end date waits for a lift only. Every path of both models.
 */
@Deployment(resources = {RestrictionFulfilmentModel.RESOURCE, RestrictionPeriodModel.RESOURCE, SystemStepsModel.RESOURCE,
        SystemStepModel.RESOURCE})
class RestrictionProcessesTest extends ProcessModelTestSupport {

    static final String RESTRICTION_ID = "0b7f3c1e-0000-4000-8000-00000000000a";
    static final Date ENDS = plusDays(NOW, 30);

    private final RestrictionFulfilment restrictions = mock(RestrictionFulfilment.class);

    @BeforeEach
    void register() {
        Mocks.register(RestrictionFulfilmentModel.BEAN_START_RESTRICTION_PERIOD, new StartRestrictionPeriodDelegate());
        Mocks.register(RestrictionFulfilmentModel.BEAN_END_RESTRICTION_PERIOD, new EndRestrictionPeriodDelegate());
        Mocks.register(RestrictionPeriodModel.BEAN_LIFT_AT_END_DATE, new LiftRestrictionAtEndDateDelegate(restrictions));
        Mocks.register(RestrictionFulfilmentModel.BEAN_ANNOUNCE_RESTRICTION, new AnnounceRestrictionDelegate(restrictions));
        Mocks.register(RestrictionPeriodModel.BEAN_ANNOUNCE_RESTRICTION_ENDED,
                new AnnounceRestrictionEndedDelegate(restrictions));
        systemStepsByConnector();
    }

    private void restrictionApplied(String action, Date ends) {
        delegate(RestrictionFulfilmentModel.BEAN_APPLY_RESTRICTION, execution -> {
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
            execution.setVariable(RestrictionFulfilmentModel.RESTRICTION_ACTION, action);
            execution.setVariable(RestrictionFulfilmentModel.RESTRICTION_ID, RESTRICTION_ID);
            execution.setVariable(RestrictionFulfilmentModel.RESTRICTION_ENDS, ends);
        });
    }

    private ProcessInstance fulfil(String reference) {
        return runtimeService.startProcessInstanceByKey(RestrictionFulfilmentModel.PROCESS_ID, reference, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, reference,
                VariableNames.REQUEST_TYPE, "RESTRICT", VariableNames.DUE_DATE, plusDays(NOW, 15)));
    }

    private ProcessInstance period() {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(RestrictionPeriodModel.PROCESS_ID)
                .singleResult();
    }

    private ProcessInstance restrictWithPeriod(Date ends) {
        restrictionApplied(RestrictionFulfilmentModel.ACTION_RESTRICTED, ends);
        ProcessInstance instance = fulfil(REFERENCE);
        runJobsAt(RestrictionFulfilmentModel.TASK_APPLY_RESTRICTION);
        assertThat(instance).isWaitingAtExactly(RestrictionFulfilmentModel.CALL_ACTIVITY_RESTRICT_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        verify(restrictions, never()).announce(REQUEST_ID);
        runJobsAt(RestrictionFulfilmentModel.TASK_ANNOUNCE_RESTRICTION,
                RestrictionFulfilmentModel.TASK_START_RESTRICTION_PERIOD);
        assertThat(instance).hasPassedInOrder(RestrictionFulfilmentModel.START_EVENT,
                RestrictionFulfilmentModel.TASK_APPLY_RESTRICTION, RestrictionFulfilmentModel.GATEWAY_RESTRICT_OR_LIFT,
                RestrictionFulfilmentModel.CALL_ACTIVITY_RESTRICT_IN_EVERY_SYSTEM,
                RestrictionFulfilmentModel.TASK_ANNOUNCE_RESTRICTION,
                RestrictionFulfilmentModel.TASK_START_RESTRICTION_PERIOD, RestrictionFulfilmentModel.END_EVENT_RESTRICTED)
                .isEnded();
        verify(restrictions).announce(REQUEST_ID); // the notice only once every system did its part
        assertThat(instance).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
        ProcessInstance period = period();
        assertThat(period).as("the restriction outlives its request in a process of its own").isNotNull();
        assertThat(period.getBusinessKey()).isEqualTo(REFERENCE);
        return period;
    }

    /** A lift request: recorded, lifted by every system in its own step, then announced, then the period ends. */
    private void liftThroughEverySystem(ProcessInstance lift) {
        runJobsAt(RestrictionFulfilmentModel.TASK_APPLY_RESTRICTION);
        assertThat(lift).isWaitingAtExactly(RestrictionFulfilmentModel.CALL_ACTIVITY_LIFT_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        runJobsAt(RestrictionFulfilmentModel.TASK_ANNOUNCE_LIFT, RestrictionFulfilmentModel.TASK_END_RESTRICTION_PERIOD);
    }

    @Test
    void aRestrictionWithAnEndDateIsLiftedByItsTimerWithANotice() {
        ProcessInstance period = restrictWithPeriod(ENDS);
        assertThat(period).isWaitingAt(RestrictionPeriodModel.GATEWAY_HOW_IT_ENDS);
        assertThat(jobAt(RestrictionPeriodModel.TIMER_END_DATE).getDuedate()).isEqualTo(ENDS);
        assertThat(dueTimerActivities()).as("nothing is due before the end date").isEmpty();

        ClockUtil.setCurrentTime(ENDS);
        assertThat(dueTimerActivities()).containsExactly(RestrictionPeriodModel.TIMER_END_DATE);
        runJobsAt(RestrictionPeriodModel.TIMER_END_DATE, RestrictionPeriodModel.TASK_LIFT_AT_END_DATE);
        assertThat(period).isWaitingAtExactly(RestrictionPeriodModel.CALL_ACTIVITY_LIFT_IN_EVERY_SYSTEM);
        verify(restrictions).endAtEndDate(RESTRICTION_ID);
        verify(restrictions, never()).announceEnded(RESTRICTION_ID);
        runSystemStepJobs();
        runJobsAt(RestrictionPeriodModel.TASK_ANNOUNCE_END);

        assertThat(period).hasPassedInOrder(RestrictionPeriodModel.START_EVENT, RestrictionPeriodModel.GATEWAY_END_DATE_SET,
                RestrictionPeriodModel.GATEWAY_HOW_IT_ENDS, RestrictionPeriodModel.TIMER_END_DATE,
                RestrictionPeriodModel.TASK_LIFT_AT_END_DATE, RestrictionPeriodModel.CALL_ACTIVITY_LIFT_IN_EVERY_SYSTEM,
                RestrictionPeriodModel.TASK_ANNOUNCE_END, RestrictionPeriodModel.END_EVENT_ENDED_AT_END_DATE).isEnded();
        verify(restrictions).announceEnded(RESTRICTION_ID);
    }

    @Test
    void aLiftRequestEndsThePeriodBeforeItsEndDateAndItsTimerNeverFires() {
        ProcessInstance period = restrictWithPeriod(ENDS);

        restrictionApplied(RestrictionFulfilmentModel.ACTION_LIFTED, null);
        ProcessInstance lift = fulfil("RR-20261130-0001");
        liftThroughEverySystem(lift);

        assertThat(lift).hasPassedInOrder(RestrictionFulfilmentModel.TASK_APPLY_RESTRICTION,
                RestrictionFulfilmentModel.GATEWAY_RESTRICT_OR_LIFT,
                RestrictionFulfilmentModel.CALL_ACTIVITY_LIFT_IN_EVERY_SYSTEM, RestrictionFulfilmentModel.TASK_ANNOUNCE_LIFT,
                RestrictionFulfilmentModel.TASK_END_RESTRICTION_PERIOD, RestrictionFulfilmentModel.END_EVENT_LIFTED)
                .isEnded();
        assertThat(lift).hasNotPassed(RestrictionFulfilmentModel.TASK_START_RESTRICTION_PERIOD);
        assertThat(period).hasPassed(RestrictionPeriodModel.EVENT_LIFTED_BEFORE_END_DATE,
                RestrictionPeriodModel.END_EVENT_LIFTED_BEFORE_END_DATE).hasNotPassed(RestrictionPeriodModel.TASK_LIFT_AT_END_DATE)
                .isEnded();
        assertThat(managementService.createJobQuery().timers().count()).as("the end-date timer is gone").isZero();
        verify(restrictions, never()).endAtEndDate(RESTRICTION_ID);
    }

    @Test
    void aRestrictionWithoutEndDateWaitsForALiftOnly() {
        ProcessInstance period = restrictWithPeriod(null);
        assertThat(period).isWaitingAtExactly(RestrictionPeriodModel.EVENT_LIFTED);
        assertThat(managementService.createJobQuery().timers().count()).isZero();

        restrictionApplied(RestrictionFulfilmentModel.ACTION_LIFTED, null);
        liftThroughEverySystem(fulfil("RR-20261130-0002"));

        assertThat(period).hasPassedInOrder(RestrictionPeriodModel.GATEWAY_END_DATE_SET, RestrictionPeriodModel.EVENT_LIFTED,
                RestrictionPeriodModel.END_EVENT_LIFTED).isEnded();
    }

    @Test
    void aRepeatedStartOfThePeriodStartsNoSecondOne() {
        restrictWithPeriod(ENDS);
        Map<String, Object> variables = new HashMap<>(Map.of(VariableNames.REQUEST_ID, REQUEST_ID,
                VariableNames.REFERENCE, REFERENCE, RestrictionFulfilmentModel.RESTRICTION_ID, RESTRICTION_ID,
                RestrictionFulfilmentModel.RESTRICTION_ACTION, RestrictionFulfilmentModel.ACTION_RESTRICTED));
        variables.put(RestrictionFulfilmentModel.RESTRICTION_ENDS, ENDS);
        runtimeService.createProcessInstanceByKey(RestrictionFulfilmentModel.PROCESS_ID).businessKey(REFERENCE)
                .setVariables(variables).startBeforeActivity(RestrictionFulfilmentModel.TASK_START_RESTRICTION_PERIOD)
                .execute();
        runJobsAt(RestrictionFulfilmentModel.TASK_START_RESTRICTION_PERIOD);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(RestrictionPeriodModel.PROCESS_ID)
                .count()).isEqualTo(1);
    }
}
