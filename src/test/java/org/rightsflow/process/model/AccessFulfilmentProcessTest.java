package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.AccessFulfilmentModel.*;

import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = {AccessFulfilmentModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE})
class AccessFulfilmentProcessTest extends ProcessModelTestSupport {

    @Test
    void countsInEverySystemThenBuildsTheReportThenPublishesTheDownload() {
        systemStepsByConnector();
        delegate(BEAN_BUILD_ACCESS_REPORT, execution -> execution.setVariable(VariableNames.DOWNLOAD_ID, "DL-0007"));
        delegate(BEAN_PUBLISH_DOWNLOAD, execution -> {
            assertThat(execution.getVariable(VariableNames.DOWNLOAD_ID)).isEqualTo("DL-0007");
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
        });

        ProcessInstance access = runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_ACCESS, VariableNames.DUE_DATE, plusDays(NOW, 15)));

        assertThat(access).isWaitingAtExactly(CALL_ACTIVITY_COUNT_IN_EVERY_SYSTEM);
        runSystemStepJobs();
        assertThat(access).isWaitingAtExactly(TASK_BUILD_ACCESS_REPORT);
        assertThat(calls).as("report built in its own job").containsExactly(SYSTEM_STEP_CALLS);
        // one job builds and publishes (both database work): no job between them
        runJobsAt(TASK_BUILD_ACCESS_REPORT);

        assertThat(access).hasPassedInOrder(START_EVENT, CALL_ACTIVITY_COUNT_IN_EVERY_SYSTEM, TASK_BUILD_ACCESS_REPORT,
                TASK_PUBLISH_DOWNLOAD, END_EVENT).isEnded();
        assertThat(calls).endsWith(BEAN_BUILD_ACCESS_REPORT, BEAN_PUBLISH_DOWNLOAD);
        assertThat(access).variables().containsEntry(VariableNames.DOWNLOAD_ID, "DL-0007")
                .containsEntry(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }

    @Test
    void aFailingReportBuildIsRetriedThenBecomesAnIncident() {
        systemStepsByConnector();
        delegate(BEAN_BUILD_ACCESS_REPORT, execution -> {
            throw new IllegalStateException("report store unavailable");
        });
        ProcessInstance access = runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_ACCESS, VariableNames.DUE_DATE, plusDays(NOW, 15)));
        runSystemStepJobs();
        calls.clear();

        for (int attempt = 1; attempt <= 3; attempt++) {
            String jobId = jobAt(TASK_BUILD_ACCESS_REPORT).getId();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(jobId))
                    .hasMessageContaining("report store unavailable");
            if (attempt < 3) {
                // R3/PT5M: the next attempt is due five minutes later
                assertThat(jobAt(TASK_BUILD_ACCESS_REPORT).getDuedate()).isEqualTo(plusMinutes(NOW, 5));
            }
        }
        assertThat(jobAt(TASK_BUILD_ACCESS_REPORT).getRetries()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(access.getId()).count())
                .isEqualTo(1);
        assertThat(calls).containsExactly(BEAN_BUILD_ACCESS_REPORT, BEAN_BUILD_ACCESS_REPORT, BEAN_BUILD_ACCESS_REPORT);
    }

    @Test
    void aFailingPublishRollsTheBuildBackAndTheRetryDoesBothOnce() {
        systemStepsByConnector();
        delegate(BEAN_BUILD_ACCESS_REPORT, execution -> execution.setVariable(VariableNames.DOWNLOAD_ID, "DL-0008"));
        delegate(BEAN_PUBLISH_DOWNLOAD, execution -> {
            throw new IllegalStateException("outbox unavailable");
        });
        ProcessInstance access = runtimeService.startProcessInstanceByKey(PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, REQUEST_ID, VariableNames.REFERENCE, REFERENCE,
                VariableNames.REQUEST_TYPE, VariableNames.TYPE_ACCESS, VariableNames.DUE_DATE, plusDays(NOW, 15)));
        runSystemStepJobs();
        calls.clear();

        String jobId = jobAt(TASK_BUILD_ACCESS_REPORT).getId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(jobId))
                .hasMessageContaining("outbox unavailable");
        // the whole job rolled back: still before the build, nothing of it kept, the same job retried
        assertThat(access).isWaitingAtExactly(TASK_BUILD_ACCESS_REPORT);
        assertThat(runtimeService.getVariable(access.getId(), VariableNames.DOWNLOAD_ID)).isNull();
        assertThat(jobAt(TASK_BUILD_ACCESS_REPORT).getRetries()).isEqualTo(2);

        delegate(BEAN_PUBLISH_DOWNLOAD, execution -> execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED));
        ClockUtil.setCurrentTime(plusMinutes(NOW, 5));
        managementService.executeJob(jobId);
        assertThat(access).hasPassedInOrder(TASK_BUILD_ACCESS_REPORT, TASK_PUBLISH_DOWNLOAD, END_EVENT).isEnded();
        assertThat(calls).containsExactly(BEAN_BUILD_ACCESS_REPORT, BEAN_PUBLISH_DOWNLOAD, BEAN_BUILD_ACCESS_REPORT,
                BEAN_PUBLISH_DOWNLOAD);
    }
}
