package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.ConsentWithdrawalModel.*;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = {ConsentWithdrawalModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE})
class ConsentWithdrawalProcessTest extends ProcessModelTestSupport {

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_WITHDRAW_CONSENT, VariableNames.DUE_DATE, plusDays(NOW, 15)));
    }

    @Test
    void theLedgerFirstThenEverySystemsRegisterThenTheNotice() {
        systemStepsByConnector();
        delegate(BEAN_WITHDRAW_CONSENTS);
        delegate(BEAN_NOTIFY_CONSENT_WITHDRAWN, execution -> execution.setVariable(VariableNames.OUTCOME,
                VariableNames.OUTCOME_COMPLETED));
        ProcessInstance withdrawal = start();

        assertThat(withdrawal).isWaitingAtExactly(TASK_WITHDRAW_CONSENTS);
        assertThat(calls).isEmpty();
        runJobsAt(TASK_WITHDRAW_CONSENTS);
        assertThat(withdrawal).isWaitingAtExactly(CALL_ACTIVITY_WITHDRAW_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        assertThat(withdrawal).isWaitingAtExactly(TASK_NOTIFY_CONSENT_WITHDRAWN);
        runJobsAt(TASK_NOTIFY_CONSENT_WITHDRAWN);

        assertThat(withdrawal).hasPassedInOrder(START_EVENT, TASK_WITHDRAW_CONSENTS,
                CALL_ACTIVITY_WITHDRAW_IN_EVERY_SYSTEM, TASK_NOTIFY_CONSENT_WITHDRAWN, END_EVENT).isEnded();
        assertThat(withdrawal).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
        assertThat(calls).startsWith(BEAN_WITHDRAW_CONSENTS).endsWith(BEAN_NOTIFY_CONSENT_WITHDRAWN).hasSize(5);
    }

    @Test
    void aFailingWithdrawalIsRetriedThenBecomesAnIncident() {
        delegate(BEAN_WITHDRAW_CONSENTS, execution -> {
            throw new IllegalStateException("database unavailable");
        });
        ProcessInstance withdrawal = start();

        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = jobAt(TASK_WITHDRAW_CONSENTS).getId();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasMessageContaining("database unavailable");
            if (attempt < 3) {
                assertThat(jobAt(TASK_WITHDRAW_CONSENTS).getDuedate()).isEqualTo(plusMinutes(NOW, 5));
            }
        }
        assertThat(jobAt(TASK_WITHDRAW_CONSENTS).getRetries()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(withdrawal.getId()).count()).isEqualTo(1);
        assertThat(withdrawal).isNotEnded();
    }
}
