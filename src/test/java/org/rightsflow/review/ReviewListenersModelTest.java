package org.rightsflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rightsflow.common.TimeSource;
import org.rightsflow.deadline.DeadlineChanged;
import org.rightsflow.deadline.DeadlineEventKind;
import org.rightsflow.process.deadline.DeadlineTimers;
import org.rightsflow.process.listener.ExemptionReviewListener;
import org.rightsflow.process.listener.RefusalApprovalListener;
import org.rightsflow.process.model.AccessFulfilmentModel;
import org.rightsflow.process.model.ExemptionReviewModel;
import org.rightsflow.process.model.RefusalApprovalModel;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.process.model.SystemStepsModel;
import org.rightsflow.process.model.VariableNames;

/**
 * The review paths of RightsRequestProcess with the REAL review and approval listeners (the other delegates are
 * stand-ins): PROCEED, PARTIAL → APPROVE, REFUSE → APPROVE, REFUSE → REJECT → review again; the four-eyes rule
 * through the engine API, also for a user who is both privacy officer and legal reviewer; and the deadline timers
 * paused, resumed and moved by {@link DeadlineTimers} (same jobs, new dates).
 */
@Deployment(resources = {RightsRequestModel.RESOURCE, RightsRequestModel.DECISION_RESOURCE, AccessFulfilmentModel.RESOURCE,
        ExemptionReviewModel.RESOURCE, RefusalApprovalModel.RESOURCE, SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE,
        "forms/Form_ManualIdentityCheck.form", "forms/Form_ExemptionReview.form", "forms/Form_RefusalApproval.form"})
class ReviewListenersModelTest {

    private static final String REFERENCE = "RR-20261129-0042";
    private static final Date NOW = Date.from(Instant.parse("2026-11-29T02:00:00Z"));
    private static final Date DUE = Date.from(Instant.parse("2026-12-14T15:59:59Z"));
    private static final Date REMINDER = Date.from(DUE.toInstant().minus(Duration.ofDays(5)));

    @RegisterExtension
    ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda.cfg.xml").build();

    /** The scope the real review listener recorded, per request. */
    private final Map<String, List<String>> scopes = new HashMap<>();
    /**
     * The refusal proposals of the request, kept in memory instead of the application's table; the approval is checked
     * with the same four-eyes rule ({@link ReviewDecisions#requireSecondPerson}) against the stored proposer.
     */
    private final List<RefusalProposal> stored = new ArrayList<>();
    private final RefusalProposals proposals = new RefusalProposals(null, null, null) {
        @Override
        public RefusalProposal propose(String requestId, RefusalSubject subject, String decision, List<String> grounds,
                                       String explanation, String proposer) {
            ReviewDecisions.requireGroundsForRefusal(true, grounds);
            stored.add(new RefusalProposal(stored.size() + 1, requestId, subject, decision, grounds, explanation,
                    proposer, Instant.now(), null, null, null, null));
            return stored.get(stored.size() - 1);
        }

        @Override
        public java.util.Optional<RefusalProposal> open(String requestId) {
            return stored.stream().filter(p -> p.open() && p.requestId().equals(requestId)).findFirst();
        }

        @Override
        public RefusalProposal decide(String reference, String approver, String approval, String comment) {
            assertThat(reference).as("found by the business key").isEqualTo(REFERENCE);
            RefusalProposal open = stored.stream().filter(RefusalProposal::open).reduce((a, b) -> b).orElseThrow(
                    () -> new InvalidDecisionException("No refusal proposal waits for approval"));
            ReviewDecisions.requireSecondPerson(open.proposedBy(), approver);
            ReviewDecisions.requireOneOf("decision", approval, java.util.Set.of("APPROVE", "REJECT"));
            RefusalProposal decided = new RefusalProposal(open.id(), open.requestId(), open.subject(), open.decision(),
                    open.grounds(), open.explanation(), open.proposedBy(), open.proposedAt(), approval, approver,
                    comment, Instant.now());
            stored.set(stored.indexOf(open), decided);
            return decided;
        }
    };
    private final List<String> outcomesSent = new ArrayList<>();
    private RuntimeService runtime;
    private TaskService tasks;
    private ManagementService management;
    private IdentityService identity;

    @BeforeEach
    void wire() throws IOException {
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        management = engine.getManagementService();
        identity = engine.getIdentityService();
        ClockUtil.setCurrentTime(NOW);
        // Every bean the deployed models name is a no-op unless registered below with behaviour.
        for (String resource : List.of(RightsRequestModel.RESOURCE, AccessFulfilmentModel.RESOURCE,
                SystemStepsModel.RESOURCE, SystemStepModel.RESOURCE)) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                Matcher bean = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"")
                        .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (bean.find()) {
                    Mocks.register(bean.group(1), (JavaDelegate) execution -> { });
                }
            }
        }
        // CallActivity_Fulfil's variable mapping: the real one, as deployed
        Mocks.register(RightsRequestModel.BEAN_FULFILMENT_VARIABLES, new org.rightsflow.process.delegate.FulfilmentVariables());
        // the fulfilment's data work: one system's step, done through its connector
        Mocks.register(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS, (JavaDelegate) execution -> execution.setVariable(
                SystemStepsModel.SYSTEM_STEPS, new java.util.ArrayList<>(List.of("step-1"))));
        Mocks.register(SystemStepModel.BEAN_PREPARE_SYSTEM_STEP, (JavaDelegate) execution -> {
            execution.setVariable(SystemStepModel.SYSTEM_ID, "account-system");
            execution.setVariable(SystemStepModel.STEP_EXECUTION, "IN_PROCESS");
            execution.setVariable(SystemStepModel.TOPIC, "rightsflow.account-system");
            execution.setVariable(SystemStepModel.TIME_LIMIT, "PT30M");
        });
        Mocks.register(RightsRequestModel.BEAN_GATHER_TRIAGE_FACTS, (JavaDelegate) execution -> execution.setVariables(Map.of(
                VariableNames.REPEAT_COUNT, 2, VariableNames.EARLIER_REFERENCES, "RR-20261001-0001,RR-20261101-0003",
                VariableNames.LEGAL_HOLD, true, VariableNames.OPEN_INVESTIGATION, false, VariableNames.MINOR_ACCOUNT, false,
                VariableNames.SENSITIVE_CATEGORIES, false, VariableNames.DELETION_GROUND_MISSING, false,
                VariableNames.REFERRED_TO_REVIEW, false)));
        Mocks.register(RightsRequestModel.BEAN_START_FULFILMENT, (JavaDelegate) execution -> {
            execution.setVariable(VariableNames.FULFILMENT_START, VariableNames.FULFILMENT_STARTED);
            execution.setVariable(VariableNames.FULFILMENT_PROCESS, AccessFulfilmentModel.PROCESS_ID);
        });
        Mocks.register(AccessFulfilmentModel.BEAN_PUBLISH_DOWNLOAD, (JavaDelegate) execution ->
                execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED));
        Mocks.register(RightsRequestModel.BEAN_SEND_RESULT, (JavaDelegate) execution ->
                outcomesSent.add((String) execution.getVariable(VariableNames.OUTCOME)));
        Mocks.register(RightsRequestModel.BEAN_MANUAL_VERIFICATION_LISTENER, (TaskListener) task -> { });
        ReviewScopes inMemory = new ReviewScopes(null) {
            @Override
            public void record(String requestId, String decision, List<String> refused, String proposer, Instant at) {
                scopes.put(requestId, refused);
            }
        };
        Mocks.register(ExemptionReviewModel.BEAN_EXEMPTION_REVIEW_LISTENER,
                new ExemptionReviewListener(inMemory, proposals, new ReviewReferrals(null, null, null, null) {
                    @Override
                    public void reviewed(String requestId) {
                    }
                }, new TimeSource()));
        Mocks.register(RefusalApprovalModel.BEAN_REFUSAL_APPROVAL_LISTENER, new RefusalApprovalListener(proposals));
    }

    @AfterEach
    void reset() {
        identity.clearAuthentication();
        Mocks.reset();
        ClockUtil.reset();
    }

    private void signIn(String user, String... groups) {
        identity.setAuthentication(user, List.of(groups));
    }

    /** Runs every due async continuation (not the deadline timers) until the instance waits for a person. */
    private void runAsyncJobs() {
        for (int i = 0; i < 50; i++) {
            List<Job> jobs = management.createJobQuery().executable().list().stream()
                    .filter(job -> !"timer".equals(((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getType()))
                    .toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private ProcessInstance inReview() {
        ProcessInstance instance = runtime.startProcessInstanceByKey(RightsRequestModel.PROCESS_ID, REFERENCE, Map.of(
                VariableNames.REQUEST_ID, "req-42", VariableNames.REFERENCE, REFERENCE, VariableNames.REQUEST_TYPE, "ACCESS",
                VariableNames.DUE_DATE, DUE, VariableNames.REMINDER_DATE, REMINDER));
        runAsyncJobs();
        runtime.createMessageCorrelation(RightsRequestModel.MSG_IDENTITY_VERIFIED).processInstanceBusinessKey(REFERENCE)
                .correlate();
        runAsyncJobs();
        assertThat(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS)).as("legal hold: review").isNotNull();
        return instance;
    }

    private Task task(String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(REFERENCE).taskDefinitionKey(key).singleResult();
    }

    private Map<String, Object> review(String decision, String grounds, String categories) {
        Map<String, Object> form = new HashMap<>();
        form.put(VariableNames.DECISION, decision);
        if (grounds != null) {
            form.put(VariableNames.GROUNDS, grounds);
        }
        if (categories != null) {
            form.put(VariableNames.REFUSED_CATEGORIES, categories);
        }
        form.put(VariableNames.EXPLANATION, "Reviewer's explanation for " + decision);
        return form;
    }

    private Map<String, Object> approval(String decision, String comment) {
        return Map.of(VariableNames.DECISION, decision, VariableNames.EXPLANATION, comment);
    }

    private boolean passed(ProcessInstance instance, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(activityId).count() > 0;
    }

    @Test
    void proceedGoesStraightToFulfilment() {
        ProcessInstance instance = inReview();
        signIn("officer", "privacy-officers");
        tasks.complete(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS).getId(), review("PROCEED", null, "[\"ACCOUNT\"]"));
        runAsyncJobs();
        assertThat(passed(instance, RefusalApprovalModel.TASK_APPROVE_REFUSAL)).isFalse();
        assertThat(passed(instance, RightsRequestModel.END_EVENT_COMPLETED)).isTrue();
        assertThat(outcomesSent).containsExactly("COMPLETED");
        assertThat(scopes.get("req-42")).as("PROCEED carries no scope").isEmpty();
    }

    @Test
    void partialApprovedByASecondPersonIsFulfilledAndPartiallyCompleted() {
        ProcessInstance instance = inReview();
        signIn("dual", "privacy-officers", "legal-reviewers");
        Task review = task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS);
        assertThatThrownBy(() -> tasks.complete(review.getId(), review("PARTIAL", "[\"TRADE_SECRET\"]", null)))
                .hasMessageContaining("data categories");
        tasks.complete(review.getId(), review("PARTIAL", "[\"TRADE_SECRET\"]", "[\"OPERATION_LOGS\",\"SECURITY\"]"));

        Task approval = task(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        assertThat(tasks.getVariable(approval.getId(), VariableNames.REFUSED_CATEGORIES)).isEqualTo("SECURITY,OPERATION_LOGS");
        assertThat(tasks.getVariable(approval.getId(), VariableNames.REVIEW_PROPOSER)).isEqualTo("dual");
        assertThat(scopes.get("req-42")).containsExactly("SECURITY", "OPERATION_LOGS");
        assertThatThrownBy(() -> tasks.complete(approval.getId(), approval("APPROVE", "Approving my own proposal.")))
                .as("four eyes even for someone in both groups").hasMessageContaining("Four-eyes");
        assertThat(task(RefusalApprovalModel.TASK_APPROVE_REFUSAL)).isNotNull();

        signIn("legal", "legal-reviewers");
        tasks.complete(approval.getId(), approval("APPROVE", "Trade secret confirmed."));
        runAsyncJobs();
        assertThat(passed(instance, RightsRequestModel.EVENT_PARTIALLY_COMPLETED)).isTrue();
        assertThat(passed(instance, RightsRequestModel.END_EVENT_PARTIALLY_COMPLETED)).isTrue();
        assertThat(outcomesSent).containsExactly("PARTIALLY_COMPLETED");
    }

    @Test
    void theProposerCannotApproveByOverwritingTheProposerVariableWithTheCompletion() {
        inReview();
        signIn("dual", "privacy-officers", "legal-reviewers");
        tasks.complete(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS).getId(), review("REFUSE", "[\"REPETITIVE\"]", null));
        Task approval = task(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        Map<String, Object> forged = new HashMap<>(approval("APPROVE", "Approved by 'someone else'."));
        forged.put(VariableNames.REVIEW_PROPOSER, "someone-else");
        assertThatThrownBy(() -> tasks.complete(approval.getId(), forged)).hasMessageContaining("Four-eyes");
        assertThat(task(RefusalApprovalModel.TASK_APPROVE_REFUSAL)).isNotNull();
        assertThat(stored).singleElement().satisfies(p -> assertThat(p.open()).isTrue());
    }

    @Test
    void refusalApprovedIsRefusedAndARejectedOneGoesBackWithTheComment() {
        ProcessInstance instance = inReview();
        signIn("officer", "privacy-officers");
        tasks.complete(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS).getId(),
                review("REFUSE", "[\"REPETITIVE\"]", "[\"ACCOUNT\"]"));
        signIn("legal", "legal-reviewers");
        tasks.complete(task(RefusalApprovalModel.TASK_APPROVE_REFUSAL).getId(),
                approval("REJECT", "Two earlier requests are not unreasonable."));

        Task again = task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS);
        assertThat(again).as("back to the reviewer").isNotNull();
        assertThat(tasks.getVariable(again.getId(), VariableNames.APPROVAL_COMMENT))
                .isEqualTo("Two earlier requests are not unreasonable.");
        assertThat(tasks.getVariable(again.getId(), VariableNames.REPEAT_COUNT)).isEqualTo(2);
        assertThat(tasks.getVariable(again.getId(), VariableNames.REFUSED_CATEGORIES)).as("REFUSE has no scope").isNull();
        assertThat(tasks.getVariable(again.getId(), VariableNames.DECISION)).as("the form starts empty").isNull();

        signIn("officer2", "privacy-officers");
        tasks.complete(again.getId(), review("REFUSE", "[\"LEGAL_OBLIGATION\"]", null));
        signIn("officer2", "privacy-officers", "legal-reviewers");
        assertThatThrownBy(() -> tasks.complete(task(RefusalApprovalModel.TASK_APPROVE_REFUSAL).getId(),
                approval("APPROVE", "My own refusal."))).hasMessageContaining("Four-eyes");
        signIn("officer", "privacy-officers", "legal-reviewers");
        tasks.complete(task(RefusalApprovalModel.TASK_APPROVE_REFUSAL).getId(),
                approval("APPROVE", "The first proposer may approve the second person's refusal."));
        runAsyncJobs();
        assertThat(passed(instance, RightsRequestModel.END_EVENT_REFUSED)).isTrue();
        assertThat(passed(instance, RightsRequestModel.TASK_START_FULFILMENT)).isFalse();
        assertThat(outcomesSent).containsExactly("REFUSED");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(VariableNames.RESULT_GROUNDS).singleResult().getValue()).isEqualTo("LEGAL_OBLIGATION");
    }

    @Test
    void aRefusalAfterARejectedPartialOneCarriesNoCategoriesOfTheEarlierProposal() {
        inReview();
        signIn("officer", "privacy-officers");
        tasks.complete(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS).getId(),
                review("PARTIAL", "[\"TRADE_SECRET\"]", "[\"OPERATION_LOGS\"]"));
        signIn("legal", "legal-reviewers");
        tasks.complete(task(RefusalApprovalModel.TASK_APPROVE_REFUSAL).getId(),
                approval("REJECT", "Either all of it is a trade secret or none."));
        Task again = task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS);
        assertThat(tasks.getVariable(again.getId(), VariableNames.REFUSED_CATEGORIES)).as("the form shows what was sent back")
                .isEqualTo("OPERATION_LOGS");

        signIn("officer", "privacy-officers");
        tasks.complete(again.getId(), review("REFUSE", "[\"TRADE_SECRET\"]", null));
        Task approval = task(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        assertThat(tasks.getVariable(approval.getId(), VariableNames.REVIEW_DECISION)).isEqualTo("REFUSE");
        assertThat(tasks.getVariable(approval.getId(), VariableNames.REFUSED_CATEGORIES))
                .as("a REFUSE refuses no categories of the earlier PARTIAL").isNull();
    }

    @Test
    void pausedTimersStopAndExtendedOnesMoveWithoutASecondTimer() {
        ProcessInstance instance = inReview();
        DeadlineTimers timers = new DeadlineTimers(runtime, management, tasks);
        // one timer at a time: the due-date timer is created when the due-soon one fires
        Job dueSoon = timerAt(RightsRequestModel.START_EVENT_DUE_SOON);
        assertThat(dueSoon.getDuedate()).isEqualTo(REMINDER);
        assertThat(timerAt(RightsRequestModel.TIMER_EVENT_DUE_DATE)).isNull();

        timers.on(new DeadlineChanged("req-42", REFERENCE, DeadlineEventKind.PAUSED, DUE.toInstant(), REMINDER.toInstant()));
        assertThat(timerAt(RightsRequestModel.START_EVENT_DUE_SOON).isSuspended()).isTrue();
        ClockUtil.setCurrentTime(Date.from(DUE.toInstant().plusSeconds(60)));
        assertThat(management.createJobQuery().timers().executable().active().count()).as("a paused clock never fires (the job executor acquires active jobs only)").isZero();

        Instant newDue = DUE.toInstant().plus(Duration.ofDays(45));
        Instant newReminder = newDue.minus(Duration.ofDays(5));
        timers.on(new DeadlineChanged("req-42", REFERENCE, DeadlineEventKind.EXTENDED, newDue, newReminder));
        Job movedDueSoon = timerAt(RightsRequestModel.START_EVENT_DUE_SOON);
        assertThat(movedDueSoon.getId()).isEqualTo(dueSoon.getId());
        assertThat(movedDueSoon.isSuspended()).isFalse();
        assertThat(movedDueSoon.getDuedate()).isEqualTo(Date.from(newReminder));
        assertThat(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS).getDueDate()).isEqualTo(Date.from(newDue));
        assertThat(runtime.getVariable(task(ExemptionReviewModel.TASK_REVIEW_EXEMPTIONS).getProcessInstanceId(),
                VariableNames.DUE_DATE)).as("the called review's copy, which a later task would read").isEqualTo(Date.from(newDue));
        assertThat(runtime.getVariable(instance.getId(), VariableNames.DUE_DATE)).isEqualTo(Date.from(newDue));
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isEqualTo(1);

        // the due-soon timer fires: the due-date timer is created from the moved date, and moves and stops in turn
        ClockUtil.setCurrentTime(Date.from(newReminder.plusSeconds(1)));
        assertThat(management.createJobQuery().timers().executable().active().list()).singleElement()
                .extracting(Job::getId).isEqualTo(dueSoon.getId());
        management.executeJob(dueSoon.getId());
        Job dueDate = timerAt(RightsRequestModel.TIMER_EVENT_DUE_DATE);
        assertThat(dueDate.getDuedate()).isEqualTo(Date.from(newDue));

        timers.on(new DeadlineChanged("req-42", REFERENCE, DeadlineEventKind.PAUSED, newDue, newReminder));
        assertThat(timerAt(RightsRequestModel.TIMER_EVENT_DUE_DATE).isSuspended()).isTrue();
        Instant resumedDue = newDue.plus(Duration.ofDays(2));
        timers.on(new DeadlineChanged("req-42", REFERENCE, DeadlineEventKind.RESUMED, resumedDue,
                resumedDue.minus(Duration.ofDays(5))));
        Job movedDueDate = timerAt(RightsRequestModel.TIMER_EVENT_DUE_DATE);
        assertThat(movedDueDate.getId()).as("the same timer job, moved").isEqualTo(dueDate.getId());
        assertThat(movedDueDate.isSuspended()).isFalse();
        assertThat(movedDueDate.getDuedate()).isEqualTo(Date.from(resumedDue));
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count())
                .as("never a second timer").isEqualTo(1);
    }

    @Test
    void aRefusalProposedUnderAnEarlierModelIsRecordedFromItsVariablesAndStillNeedsASecondPerson() {
        // an earlier RightsRequestProcess had the approval task inline, and proposals were not stored
        org.camunda.bpm.model.bpmn.BpmnModelInstance earlier = org.camunda.bpm.model.bpmn.Bpmn
                .createExecutableProcess("EarlierRightsRequestProcess").camundaHistoryTimeToLive(1)
                .startEvent().userTask(RefusalApprovalModel.TASK_APPROVE_REFUSAL)
                .camundaTaskListenerDelegateExpression("complete", "${refusalApprovalListener}")
                .endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("earlier.bpmn", earlier).deploy();
        runtime.startProcessInstanceByKey("EarlierRightsRequestProcess", REFERENCE, Map.of(
                VariableNames.REQUEST_ID, "req-legacy", VariableNames.REVIEW_PROPOSER, "officer",
                VariableNames.REVIEW_DECISION, "REFUSE", VariableNames.RESULT_GROUNDS, "LEGAL_OBLIGATION",
                VariableNames.RESULT_EXPLANATION, "A court order."));
        Task approval = task(RefusalApprovalModel.TASK_APPROVE_REFUSAL);

        signIn("officer", "privacy-officers", "legal-reviewers");
        assertThatThrownBy(() -> tasks.complete(approval.getId(), approval("APPROVE", "My own.")))
                .hasMessageContaining("Four-eyes");
        signIn("legal", "legal-reviewers");
        tasks.complete(approval.getId(), approval("APPROVE", "The court order is on file."));

        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.proposedBy()).isEqualTo("officer");
            assertThat(p.grounds()).containsExactly("LEGAL_OBLIGATION");
            assertThat(p.decidedBy()).isEqualTo("legal");
        });
    }

    private Job timerAt(String activityId) {
        return management.createJobQuery().timers().activityId(activityId).singleResult();
    }
}
