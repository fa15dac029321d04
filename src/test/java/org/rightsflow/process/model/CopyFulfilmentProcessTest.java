package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.CopyFulfilmentModel.*;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = {CopyFulfilmentModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE})
class CopyFulfilmentProcessTest extends ProcessModelTestSupport {

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_COPY, VariableNames.DUE_DATE, plusDays(NOW, 15)));
    }

    @Test
    void readsEverySystemThenBuildsThePackageInItsOwnJobThenPublishesTheLink() {
        systemStepsByConnector();
        delegate(BEAN_BUILD_COPY_PACKAGE, execution -> execution.setVariable(VariableNames.DOWNLOAD_ID, "DL-0042"));
        delegate(BEAN_PUBLISH_COPY_PACKAGE, execution -> {
            assertThat(execution.getVariable(VariableNames.DOWNLOAD_ID)).isEqualTo("DL-0042");
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
        });

        ProcessInstance copy = start();

        assertThat(copy).isWaitingAtExactly(CALL_ACTIVITY_READ_EVERY_SYSTEM);
        runSystemStepJobs();
        assertThat(copy).isWaitingAtExactly(TASK_BUILD_COPY_PACKAGE);
        assertThat(calls).as("the package is built in its own job, not in the caller's transaction")
                .containsExactly(SYSTEM_STEP_CALLS);
        runJobsAt(TASK_BUILD_COPY_PACKAGE);
        assertThat(copy).isWaitingAtExactly(TASK_PUBLISH_DOWNLOAD);
        runJobsAt(TASK_PUBLISH_DOWNLOAD);

        assertThat(copy).hasPassedInOrder(START_EVENT, CALL_ACTIVITY_READ_EVERY_SYSTEM, TASK_BUILD_COPY_PACKAGE,
                TASK_PUBLISH_DOWNLOAD, END_EVENT).isEnded();
        assertThat(calls).endsWith(BEAN_BUILD_COPY_PACKAGE, BEAN_PUBLISH_COPY_PACKAGE);
        assertThat(copy).variables().containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void aFailingBuildIsRetriedThreeTimesThenBecomesAnIncident() {
        systemStepsByConnector();
        delegate(BEAN_BUILD_COPY_PACKAGE, execution -> {
            throw new IllegalStateException("package storage full");
        });
        ProcessInstance copy = start();
        runSystemStepJobs();
        calls.clear();

        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = jobAt(TASK_BUILD_COPY_PACKAGE).getId();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasMessageContaining("package storage full");
        }
        assertThat(jobAt(TASK_BUILD_COPY_PACKAGE).getRetries()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(copy.getId()).count()).isEqualTo(1);
        assertThat(calls).containsOnly(BEAN_BUILD_COPY_PACKAGE).hasSize(3);
    }
}
