package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.rightsflow.process.delegate.FulfilmentVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An in-memory engine (src/test/resources/camunda.cfg.xml) with mocked delegates: every bean a
 * model names is registered by name, records its call and does what the real one promises to the
 * model (the variables it writes), nothing more. The job executor is off: tests run each job
 * themselves, so every async continuation and timer is visible.
 */
abstract class ProcessModelTestSupport {

    static final String REFERENCE = "RR-20261129-0007";
    static final String REQUEST_ID = "4f1c2a9e-0000-4000-8000-000000000007";
    /** A fixed "now" so that timer due dates can be asserted exactly. */
    static final Date NOW = Date.from(java.time.Instant.parse("2026-11-29T02:00:00Z"));

    /**
     * Per test instance: the engine itself is cached by configuration resource, but a shared
     * (static) extension clears its service references after the first test class.
     */
    @RegisterExtension
    ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("camunda.cfg.xml")
            .build();

    /** Bean names in the order they were called. */
    protected final List<String> calls = new ArrayList<>();

    protected RuntimeService runtimeService;
    protected TaskService taskService;
    protected ManagementService managementService;
    protected HistoryService historyService;

    @BeforeEach
    void initEngine() {
        BpmnAwareTests.init(engine.getProcessEngine());
        runtimeService = engine.getRuntimeService();
        taskService = engine.getTaskService();
        managementService = engine.getManagementService();
        historyService = engine.getHistoryService();
        ClockUtil.setCurrentTime(NOW);
        // not a step's work but the model's variable mapping (CallActivity_Fulfil): the real one, as deployed
        Mocks.register(RightsRequestModel.BEAN_FULFILMENT_VARIABLES, new FulfilmentVariables());
    }

    @AfterEach
    void resetEngine() {
        Mocks.reset();
        ClockUtil.reset();
        // the assertions keep their engine in a thread local: do not leak this one into other tests
        BpmnAwareTests.reset();
    }

    /** Registers a service-task delegate that records its call, then runs {@code work}. */
    protected void delegate(String bean, Consumer<DelegateExecution> work) {
        Mocks.register(bean, (JavaDelegate) execution -> {
            calls.add(bean);
            work.accept(execution);
        });
    }

    protected void delegate(String bean) {
        delegate(bean, execution -> { });
    }

    /** The bean calls of one system's part done through its connector (see {@link #systemStepsByConnector}). */
    protected static final String[] SYSTEM_STEP_CALLS = {SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS,
        SystemStepModel.BEAN_PREPARE_SYSTEM_STEP, SystemStepModel.BEAN_RUN_SYSTEM_STEP};

    /**
     * A fulfilment's SystemStepsProcess plans one step, done through the system's connector (each kind of step is
     * tested in SystemStepProcessTest).
     */
    protected void systemStepsByConnector() {
        delegate(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS, execution -> execution.setVariable(
                SystemStepsModel.SYSTEM_STEPS, new ArrayList<>(List.of("step-1"))));
        delegate(SystemStepModel.BEAN_PREPARE_SYSTEM_STEP, execution -> {
            execution.setVariable(SystemStepModel.SYSTEM_ID, "account-system");
            execution.setVariable(SystemStepModel.STEP_EXECUTION, "IN_PROCESS");
            execution.setVariable(SystemStepModel.TOPIC, "rightsflow.account-system");
            execution.setVariable(SystemStepModel.TIME_LIMIT, "PT30M");
        });
        delegate(SystemStepModel.BEAN_RUN_SYSTEM_STEP);
    }

    /** Runs the jobs of the systems' steps planned by {@link #systemStepsByConnector}, up to the loop's end. */
    protected void runSystemStepJobs() {
        runJobsAt(SystemStepsModel.TASK_PLAN_SYSTEM_STEPS, SystemStepModel.TASK_PREPARE_SYSTEM_STEP,
                SystemStepModel.TASK_RUN_CONNECTOR);
        // the loop's end (asyncAfter: the parallel steps end one at a time in the planning instance's jobs)
        for (org.camunda.bpm.engine.runtime.Job job : managementService.createJobQuery()
                .processDefinitionKey(SystemStepsModel.PROCESS_ID).list()) {
            managementService.executeJob(job.getId());
        }
    }

    /** Registers a task listener that records its call, then runs {@code work}. */
    protected void taskListener(String bean, Consumer<DelegateTask> work) {
        Mocks.register(bean, (TaskListener) task -> {
            calls.add(bean);
            work.accept(task);
        });
    }

    /** The one job waiting at the given activity (async continuation or timer). */
    protected Job jobAt(String activityId) {
        List<Job> jobs = managementService.createJobQuery().activityId(activityId).list();
        if (jobs.isEmpty()) {
            // an asyncAfter continuation (of a multi-instance activity: of its body) is found through its job definition
            jobs = managementService.createJobDefinitionQuery().activityIdIn(activityId, activityId + "#multiInstanceBody")
                    .list().stream()
                    .flatMap(d -> managementService.createJobQuery().jobDefinitionId(d.getId()).list().stream())
                    .toList();
        }
        assertThat(jobs).as("jobs at %s", activityId).hasSize(1);
        return jobs.get(0);
    }

    /** Runs the one job waiting at each activity, in order. */
    protected void runJobsAt(String... activityIds) {
        for (String activityId : activityIds) {
            managementService.executeJob(jobAt(activityId).getId());
        }
    }

    protected boolean hasJobAt(String activityId) {
        return managementService.createJobQuery().activityId(activityId).count() > 0;
    }

    /** The timer jobs that are due at the engine's current time. */
    protected List<String> dueTimerActivities() {
        return managementService.createJobQuery().timers().executable().list().stream()
                .map(job -> managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                        .singleResult().getActivityId())
                .sorted()
                .toList();
    }

    /**
     * Exactly where the instance waits: the innermost activities of its activity instance tree
     * (tasks, events, call activities, async continuations), without the enclosing sub-processes.
     */
    protected void assertWaitingAt(ProcessInstance instance, String... activityIds) {
        ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
        assertThat(tree).as("%s is still running", instance.getProcessDefinitionId()).isNotNull();
        List<String> leaves = new ArrayList<>();
        collectLeaves(tree, leaves);
        assertThat(leaves).as("waiting at").containsExactlyInAnyOrder(activityIds);
    }

    private static void collectLeaves(ActivityInstance parent, List<String> leaves) {
        for (TransitionInstance transition : parent.getChildTransitionInstances()) {
            leaves.add(transition.getActivityId());
        }
        for (ActivityInstance child : parent.getChildActivityInstances()) {
            if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
                leaves.add(child.getActivityId());
            } else {
                collectLeaves(child, leaves);
            }
        }
    }

    protected Task taskAt(String activityId) {
        List<Task> tasks = taskService.createTaskQuery().taskDefinitionKey(activityId).initializeFormKeys().list();
        assertThat(tasks).as("tasks at %s", activityId).hasSize(1);
        return tasks.get(0);
    }

    /** The form Tasklist would render for the task, resolved as Tasklist resolves it. */
    protected String deployedForm(String taskId) {
        try (java.io.InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
            return new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected void complete(String activityId, Map<String, Object> variables) {
        taskService.complete(taskAt(activityId).getId(), variables);
    }

    /**
     * A stand-in for refusalApprovalListener of RefusalApprovalProcess (its four-eyes check against the stored
     * proposal is tested with the real listener in the review tests): copies the form's decision and comment into
     * the variables the calling activity passes out.
     */
    protected void approvalListener() {
        taskListener(RefusalApprovalModel.BEAN_REFUSAL_APPROVAL_LISTENER, task -> {
            task.setVariable(VariableNames.APPROVAL_DECISION, task.getVariable(VariableNames.DECISION));
            task.setVariable(VariableNames.APPROVAL_COMMENT, task.getVariable(VariableNames.EXPLANATION));
            task.removeVariable(VariableNames.DECISION);
            task.removeVariable(VariableNames.EXPLANATION);
        });
    }

    /**
     * The legal reviewer decides on the refusal proposal waiting in the called RefusalApprovalProcess (deploy
     * {@link RefusalApprovalModel#RESOURCE} and register {@link #approvalListener()}).
     *
     * @return the called instance, ended
     */
    protected ProcessInstance decideRefusal(String approval, String comment) {
        Task task = taskAt(RefusalApprovalModel.TASK_APPROVE_REFUSAL);
        assertThat(task.getCamundaFormRef().getKey()).isEqualTo(RefusalApprovalModel.FORM_REFUSAL_APPROVAL);
        assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
                assertThat(link.getGroupId()).isEqualTo(RefusalApprovalModel.GROUP_LEGAL_REVIEWERS));
        ProcessInstance called = runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult();
        assertThat(called.getBusinessKey()).as("the approval carries the request's reference").isEqualTo(REFERENCE);
        taskService.complete(task.getId(), Map.of(VariableNames.DECISION, approval, VariableNames.EXPLANATION, comment));
        return called;
    }

    protected static Date plusDays(Date date, int days) {
        return Date.from(date.toInstant().plus(java.time.Duration.ofDays(days)));
    }

    protected static Date plusMinutes(Date date, int minutes) {
        return Date.from(date.toInstant().plus(java.time.Duration.ofMinutes(minutes)));
    }
}
