package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.DeferredErasureModel.*;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = {DeferredErasureModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE})
class DeferredErasureProcessTest extends ProcessModelTestSupport {

    static final String HOLD = "hold-0007";

    private ProcessInstance start(Date retentionEnd) {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                HOLD_ID, HOLD, RETENTION_END, retentionEnd));
    }

    @Test
    void erasesInItsSystemWhenTheRetentionExpiresThenTellsTheRequester() {
        systemStepsByConnector();
        delegate(BEAN_ERASE_HELD, execution -> {
            assertThat(execution.getVariable(HOLD_ID)).isEqualTo(HOLD);
            execution.setVariable(STILL_HELD, false);
        });
        delegate(BEAN_NOTIFY_DEFERRED_ERASURE);
        Date retentionEnd = plusDays(NOW, 3 * 365);

        ProcessInstance deferred = start(retentionEnd);
        assertThat(deferred).isWaitingAtExactly(TIMER_EVENT_RETENTION_EXPIRES);
        assertThat(jobAt(TIMER_EVENT_RETENTION_EXPIRES).getDuedate()).isEqualTo(retentionEnd);
        assertThat(dueTimerActivities()).as("nothing due before the retention ends").isEmpty();

        ClockUtil.setCurrentTime(retentionEnd);
        assertThat(dueTimerActivities()).containsExactly(TIMER_EVENT_RETENTION_EXPIRES);
        runJobsAt(TIMER_EVENT_RETENTION_EXPIRES);
        assertThat(calls).as("erasure runs in its own job").isEmpty();
        assertThat(deferred).isWaitingAtExactly(CALL_ACTIVITY_ERASE_EXPIRED);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SystemStepsModel.PROCESS_ID)
                .variableValueEquals(HOLD_ID, HOLD).count()).as("the hold goes to the step").isEqualTo(1);
        runSystemStepJobs();
        runJobsAt(TASK_ERASE_HELD, TASK_NOTIFY_DEFERRED_ERASURE);

        assertThat(deferred).hasPassedInOrder(START_EVENT, TIMER_EVENT_RETENTION_EXPIRES, CALL_ACTIVITY_ERASE_EXPIRED,
                TASK_ERASE_HELD, GATEWAY_STILL_HELD, TASK_NOTIFY_DEFERRED_ERASURE, END_EVENT).isEnded();
        assertThat(calls).endsWith(BEAN_ERASE_HELD, BEAN_NOTIFY_DEFERRED_ERASURE);
    }

    @Test
    void waitsAgainWhileRowsAreStillHeld() {
        Date firstExpiry = plusDays(NOW, 180);
        Date nextExpiry = plusDays(NOW, 200);
        systemStepsByConnector();
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        delegate(BEAN_ERASE_HELD, execution -> {
            boolean first = runs.incrementAndGet() == 1;
            execution.setVariable(STILL_HELD, first);
            if (first) {
                execution.setVariable(RETENTION_END, nextExpiry);
            }
        });
        delegate(BEAN_NOTIFY_DEFERRED_ERASURE);

        ProcessInstance deferred = start(firstExpiry);
        ClockUtil.setCurrentTime(firstExpiry);
        runJobsAt(TIMER_EVENT_RETENTION_EXPIRES);
        runSystemStepJobs();
        runJobsAt(TASK_ERASE_HELD);

        assertThat(deferred).isWaitingAtExactly(TIMER_EVENT_RETENTION_EXPIRES);
        assertThat(jobAt(TIMER_EVENT_RETENTION_EXPIRES).getDuedate()).isEqualTo(nextExpiry);
        assertThat(calls).filteredOn(BEAN_ERASE_HELD::equals).hasSize(1);

        ClockUtil.setCurrentTime(nextExpiry);
        runJobsAt(TIMER_EVENT_RETENTION_EXPIRES);
        runSystemStepJobs();
        runJobsAt(TASK_ERASE_HELD, TASK_NOTIFY_DEFERRED_ERASURE);
        assertThat(deferred).isEnded();
        assertThat(calls).filteredOn(BEAN_ERASE_HELD::equals).hasSize(2);
        assertThat(calls).filteredOn(SystemStepModel.BEAN_RUN_SYSTEM_STEP::equals).as("one step per expiry").hasSize(2);
    }
}
