package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.DownloadExpiryModel.*;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

@Deployment(resources = DownloadExpiryModel.RESOURCE)
class DownloadExpiryProcessTest extends ProcessModelTestSupport {

    @Test
    void deletesThePackageWhenTheLinkExpires() {
        List<Object> deleted = new ArrayList<>();
        delegate(BEAN_DELETE_EXPIRED_DOWNLOAD, execution -> deleted.add(execution.getVariable(VariableNames.DOWNLOAD_ID)));
        Date expiresAt = plusDays(NOW, 7);

        ProcessInstance expiry = runtimeService.createMessageCorrelation(MSG_DOWNLOAD_PUBLISHED)
                .processInstanceBusinessKey(REFERENCE)
                .setVariable(VariableNames.DOWNLOAD_ID, "DL-0007")
                .setVariable(VariableNames.EXPIRES_AT, expiresAt)
                .correlateStartMessage();

        assertThat(expiry).hasProcessDefinitionKey(PROCESS_ID).hasBusinessKey(REFERENCE)
                .hasPassed(START_EVENT_DOWNLOAD_PUBLISHED)
                .isWaitingAtExactly(TIMER_EVENT_LINK_EXPIRES);
        assertThat(jobAt(TIMER_EVENT_LINK_EXPIRES).getDuedate()).isEqualTo(expiresAt);
        assertThat(dueTimerActivities()).isEmpty();

        ClockUtil.setCurrentTime(plusMinutes(expiresAt, 1));
        assertThat(dueTimerActivities()).containsExactly(TIMER_EVENT_LINK_EXPIRES);
        runJobsAt(TIMER_EVENT_LINK_EXPIRES);
        assertThat(expiry).isWaitingAtExactly(TASK_DELETE_PACKAGE);
        assertThat(deleted).as("deletion runs in its own job").isEmpty();
        runJobsAt(TASK_DELETE_PACKAGE);

        assertThat(expiry).hasPassedInOrder(TIMER_EVENT_LINK_EXPIRES, TASK_DELETE_PACKAGE, END_EVENT).isEnded();
        assertThat(deleted).containsExactly("DL-0007");
        assertThat(calls).containsExactly(BEAN_DELETE_EXPIRED_DOWNLOAD);
    }
}
