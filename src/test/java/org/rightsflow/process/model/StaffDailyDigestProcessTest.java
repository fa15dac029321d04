package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.rightsflow.process.model.StaffDailyDigestModel.*;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.notice.StaffDigestProperties;
import org.rightsflow.process.delegate.NoteDigestTimeDelegate;
import org.rightsflow.process.digest.StaffDigestSchedule;
import org.rightsflow.process.model.StaffGroups;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The daily staff digest on the engine's clock: the timer start fires at the configured time (Beijing time) every
 * day without drifting, each task group's digest is a job of its own (a failing group retries and ends in an
 * incident while the others are sent), and a changed time is taken up, also by the waiting timer at start-up.
 */
class StaffDailyDigestProcessTest extends ProcessModelTestSupport {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** NOW is 2026-11-29 10:00 Beijing time: the next digest at 08:00 is the next morning. */
    private static final Instant NEXT_MORNING = Instant.parse("2026-11-30T00:00:00Z");

    private final List<String> groupsSent = new ArrayList<>();
    private String deploymentId;

    @BeforeEach
    void scheduleAtEight() {
        useSchedule(LocalTime.of(8, 0));
        Mocks.register(BEAN_NOTE_DIGEST_TIME, new NoteDigestTimeDelegate());
        delegate(BEAN_SEND_STAFF_DIGEST, execution -> groupsSent.add((String) execution.getVariable(VAR_STAFF_GROUP)));
        // deployed here, not by @Deployment: the timer start's cycle names a bean, which must be registered first
        deploymentId = engine.getRepositoryService().createDeployment().addClasspathResource(RESOURCE).deploy().getId();
    }

    @AfterEach
    void undeploy() {
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @Test
    void everyMorningAtEightEachTaskGroupGetsItsDigestInAJobOfItsOwn() {
        assertThat(timer().getDuedate().toInstant()).isEqualTo(NEXT_MORNING);

        ProcessInstance digest = fireTimerAt(NEXT_MORNING.plusMillis(700));
        assertThat(digest).isWaitingAtExactly(TASK_NOTE_DIGEST_TIME);
        runJobsAt(TASK_NOTE_DIGEST_TIME);
        assertThat(digest).hasVariables(VAR_DIGEST_AT);
        // the multi-instance body, then one job per group: nothing is sent before its own job runs
        runJobsAt(TASK_SEND_GROUP_DIGEST_BODY);
        List<Job> groupJobs = managementService.createJobQuery().activityId(TASK_SEND_GROUP_DIGEST).list();
        assertThat(groupJobs).hasSize(StaffGroups.TASK_WORKERS.size());
        assertThat(groupsSent).isEmpty();
        groupJobs.forEach(job -> managementService.executeJob(job.getId()));

        assertThat(digest).hasPassedInOrder(START_EVENT_DIGEST_TIME, TASK_NOTE_DIGEST_TIME, TASK_SEND_GROUP_DIGEST,
                END_EVENT).isEnded();
        assertThat(groupsSent).containsExactlyInAnyOrderElementsOf(StaffGroups.TASK_WORKERS)
                .doesNotContain(StaffGroups.AUDITORS, StaffGroups.ADMINS);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(digest.getId())
                .variableName(VAR_DIGEST_AT).singleResult().getValue()).isEqualTo(Date.from(NEXT_MORNING.plusMillis(700)));
        // the next morning at eight again, not 24 hours after the job happened to run
        assertThat(timer().getDuedate().toInstant()).isEqualTo(NEXT_MORNING.plus(java.time.Duration.ofDays(1)));
    }

    @Test
    void aGroupWhoseDigestFailsRetriesThenShowsAnIncidentWhileTheOthersAreSent() {
        delegate(BEAN_SEND_STAFF_DIGEST, execution -> {
            String group = (String) execution.getVariable(VAR_STAFF_GROUP);
            if (StaffGroups.LEGAL_REVIEWERS.equals(group)) {
                throw new IllegalStateException("SMTP outbox unavailable for " + group);
            }
            groupsSent.add(group);
        });
        ProcessInstance digest = fireTimerAt(NEXT_MORNING);
        runJobsAt(TASK_NOTE_DIGEST_TIME, TASK_SEND_GROUP_DIGEST_BODY);
        for (int attempt = 0; attempt < 4; attempt++) {
            for (Job job : managementService.createJobQuery().activityId(TASK_SEND_GROUP_DIGEST).withRetriesLeft().list()) {
                try {
                    managementService.executeJob(job.getId());
                } catch (RuntimeException expectedForLegal) {
                    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(301)));
                }
            }
        }

        assertThat(groupsSent).containsExactlyInAnyOrder(StaffGroups.INTAKE, StaffGroups.PRIVACY_OFFICERS,
                StaffGroups.DATA_OPERATORS);
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(digest.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(TASK_SEND_GROUP_DIGEST);
        assertThat(runtimeService.getVariable(incident.getExecutionId(), VAR_STAFF_GROUP))
                .as("Cockpit shows which group's digest failed").isEqualTo(StaffGroups.LEGAL_REVIEWERS);
        assertThat(digest).isWaitingAt(TASK_SEND_GROUP_DIGEST);
    }

    @Test
    void aNewTimeIsTakenAtTheNextRunAndMovesTheWaitingTimerAtStartUp() {
        // the operator changes the time to 07:30 and restarts: the waiting timer (08:00 tomorrow) moves to 07:30
        StaffDigestSchedule halfPastSeven = useSchedule(LocalTime.of(7, 30));
        halfPastSeven.alignWaitingTimer();
        Instant halfPastSevenTomorrow = NEXT_MORNING.minusSeconds(30 * 60);
        assertThat(timer().getDuedate().toInstant()).isEqualTo(halfPastSevenTomorrow);

        fireTimerAt(halfPastSevenTomorrow);
        // the cycle was read again when it fired: every following day at 07:30
        assertThat(timer().getDuedate().toInstant()).isEqualTo(halfPastSevenTomorrow.plus(java.time.Duration.ofDays(1)));

        // a timer that is merely overdue (the application was down at 07:30) is left to fire, not skipped
        ClockUtil.setCurrentTime(Date.from(halfPastSevenTomorrow.plus(java.time.Duration.ofHours(26))));
        halfPastSeven.alignWaitingTimer();
        assertThat(timer().getDuedate().toInstant()).isEqualTo(halfPastSevenTomorrow.plus(java.time.Duration.ofDays(1)));
    }

    private StaffDigestSchedule useSchedule(LocalTime time) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("managementService", managementService));
        StaffDigestSchedule schedule = new StaffDigestSchedule(new StaffDigestProperties(true, time, BEIJING, "zh-CN"),
                beans.getBeanProvider(ManagementService.class));
        Mocks.register(BEAN_SCHEDULE, schedule);
        return schedule;
    }

    private ProcessInstance fireTimerAt(Instant when) {
        ClockUtil.setCurrentTime(Date.from(when));
        assertThat(dueTimerActivities()).containsExactly(START_EVENT_DIGEST_TIME);
        managementService.executeJob(timer().getId());
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_ID).singleResult();
    }

    private Job timer() {
        return managementService.createJobQuery().processDefinitionKey(PROCESS_ID).timers().singleResult();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngine().getProcessEngineConfiguration();
    }
}
