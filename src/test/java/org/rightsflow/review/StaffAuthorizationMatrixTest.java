package org.rightsflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rightsflow.support.TaskWaits.awaitTask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.fulfilment.transfer.TransferApproval;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 9 item 4, docs/staff.md: every staff group (one demo user each, plus an anonymous caller) against every action a
 * staff member could try through the engine REST API, with HTTP Basic, as Tasklist, Cockpit and Admin do. Each cell
 * is asserted in both directions: a group that may do something must succeed, every other group must be refused, so
 * an over-generous grant fails here as surely as a missing one.
 *
 * <p>How the engine refuses: a command (claim, complete, suspend, create, ...) answers 403 (401 without credentials);
 * a read by id of something the caller may not read answers 404, because the engine filters queries instead of
 * refusing them; a list leaves out what the caller may not read. All three count as DENIED here.
 *
 * <p>{@code camunda-admin} is the engine's administrator group ({@code adminGroups}): Camunda skips every
 * authorization check for it, so it is ALLOWED everywhere; docs/staff.md gives it users, groups and incidents, and
 * the Admin webapp cannot work with less.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAuthorizationMatrixTest extends PostgresIntegrationTest {

    /** Under legal hold: triage always sends an ACCESS request of this account to the exemption review. */
    private static final String ZHAO = "zhao.qiang@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INTAKE = "intake";
    private static final String OFFICER = "officer";
    private static final String LEGAL = "legal";
    private static final String OPERATOR = "operator";
    private static final String AUDITOR = "auditor";
    private static final String ADMIN = "admin";
    private static final String ANONYMOUS = "anonymous";
    /** One demo user per docs/staff.md group (application.yaml, rightsflow.demo.staff.users), and no credentials at all. */
    private static final Map<String, String> GROUP_OF = orderedMap(INTAKE, "privacy-intake", OFFICER, "privacy-officers",
            LEGAL, "legal-reviewers", OPERATOR, "data-operators", AUDITOR, "auditors", ADMIN, "camunda-admin",
            ANONYMOUS, "(no credentials)");

    enum Outcome { ALLOWED, DENIED }

    /**
     * The expectation of docs/staff.md: who may do each action (every user not named is DENIED). The admin is in every row
     * (see the class comment).
     */
    private static final Map<String, Set<String>> ALLOWED = orderedMap(
            "filter 'Intake staff': list and run", Set.of(INTAKE, ADMIN),
            "filter 'Privacy officers': list and run", Set.of(OFFICER, ADMIN),
            "filter 'Legal reviewers': list and run", Set.of(LEGAL, ADMIN),
            "filter 'Data operators': list and run", Set.of(OPERATOR, ADMIN),
            "exemption review: see", Set.of(OFFICER, AUDITOR, ADMIN),
            "exemption review: claim", Set.of(OFFICER, ADMIN),
            "exemption review: complete", Set.of(OFFICER, ADMIN),
            "refusal approval: see", Set.of(LEGAL, AUDITOR, ADMIN),
            "refusal approval: claim", Set.of(LEGAL, ADMIN),
            "refusal approval: complete", Set.of(LEGAL, ADMIN),
            "manual identity check: see", Set.of(INTAKE, AUDITOR, ADMIN),
            "manual identity check: claim", Set.of(INTAKE, ADMIN),
            "manual identity check: complete", Set.of(INTAKE, ADMIN),
            "manual fulfilment: see", Set.of(OPERATOR, AUDITOR, ADMIN),
            "manual fulfilment: claim", Set.of(OPERATOR, ADMIN),
            "manual fulfilment: complete", Set.of(OPERATOR, ADMIN),
            "transfer approval: see", Set.of(OFFICER, AUDITOR, ADMIN),
            "transfer approval: claim", Set.of(OFFICER, ADMIN),
            "transfer approval: complete", Set.of(OFFICER, ADMIN),
            "staff intake: start (enter a request)", Set.of(INTAKE, ADMIN),
            "send to review: start (refer a request to the exemption review)", Set.of(OFFICER, ADMIN),
            // Tasklist's Reference/Type/Due columns are process variables: a group reads the instances of the
            // processes that hold its tasks (TasklistSetup), and no others; intake staff and legal reviewers only the
            // instances that hold their own tasks (TaskGroupInstanceAccess). The legal reviewers' one task is in the
            // shared RefusalApprovalProcess, which is called with what they need to decide.
            "rights-request instance: read", Set.of(OFFICER, AUDITOR, ADMIN),
            "rights-request instance: read its variables", Set.of(OFFICER, AUDITOR, ADMIN),
            "manual identity check: read its instance", Set.of(INTAKE, OFFICER, AUDITOR, ADMIN),
            // the review is a called process of its own (ExemptionReviewProcess), read by the officers only
            "exemption review: read its instance", Set.of(OFFICER, AUDITOR, ADMIN),
            "refusal approval: read its instance", Set.of(LEGAL, AUDITOR, ADMIN),
            // a task's variables change only by submitting its form (completing it), never by setting them
            "exemption review: set a variable outside its form", Set.of(ADMIN),
            "refusal approval: set a variable outside its form", Set.of(ADMIN),
            "manual identity check: set a variable outside its form", Set.of(ADMIN),
            "manual fulfilment: set a variable outside its form", Set.of(ADMIN),
            "transfer approval: set a variable outside its form", Set.of(ADMIN),
            "manual-fulfilment instance: read", Set.of(OPERATOR, AUDITOR, ADMIN),
            "history: read process instances", Set.of(AUDITOR, ADMIN),
            "history: read activities", Set.of(AUDITOR, ADMIN),
            "process instance: set a variable", Set.of(ADMIN),
            "process instance: suspend", Set.of(ADMIN),
            "process instance: modify (start before an activity)", Set.of(ADMIN),
            "process instance: delete", Set.of(ADMIN),
            "job: set retries", Set.of(ADMIN),
            "incident: resolve", Set.of(ADMIN),
            "deployment: create", Set.of(ADMIN),
            "user: create", Set.of(ADMIN),
            "group: create", Set.of(ADMIN),
            "authorization: create", Set.of(ADMIN));

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    FilterService filters;
    @Autowired
    FormService forms;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Targets the cells act on; a target a permitted cell used up (completed, deleted) is made again for the next. */
    private final Map<String, String> targets = new HashMap<>();
    /** What each cell found, printed as a table at the end. */
    private final Map<String, Map<String, Outcome>> observed = new LinkedHashMap<>();

    Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        ALLOWED.keySet().forEach(action -> GROUP_OF.keySet().forEach(user -> cells.add(Arguments.of(action, user))));
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void eachGroupCanDoExactlyWhatSpecSection2Allows(String action, String user) {
        Outcome expected = ALLOWED.get(action).contains(user) ? Outcome.ALLOWED : Outcome.DENIED;
        Outcome actual = perform(action, user);
        observed.computeIfAbsent(action, a -> new LinkedHashMap<>()).put(user, actual);
        assertThat(actual).as("%s as %s (%s)", action, user, GROUP_OF.get(user)).isEqualTo(expected);
    }

    @AfterAll
    void printTheMatrix() {
        StringBuilder table = new StringBuilder("\nStaff authorization matrix (A = allowed, - = denied)\n");
        table.append(String.format("%-52s", "action"));
        GROUP_OF.values().forEach(g -> table.append(String.format(" %-17s", g)));
        observed.forEach((action, row) -> {
            table.append(String.format("%n%-52s", action));
            GROUP_OF.keySet().forEach(u -> table.append(String.format(" %-17s",
                    row.get(u) == null ? "?" : row.get(u) == Outcome.ALLOWED ? "A" : "-")));
        });
        System.out.println(table);
    }

    // ---------------------------------------------------------------------------------------------------- actions

    private Outcome perform(String action, String user) {
        String subject = action.substring(0, action.indexOf(':'));
        String verb = action.substring(action.indexOf(':') + 2);
        if (subject.startsWith("filter '")) {
            return runFilter(subject.substring("filter '".length(), subject.length() - 1), user);
        }
        TaskKind kind = TaskKind.BY_LABEL.get(subject);
        if (kind != null) {
            return switch (verb) {
                case "see" -> outcome(call(user, "GET", "/engine-rest/task/" + task(kind), null));
                case "claim" -> claim(kind, user);
                case "complete" -> complete(kind, user);
                case "read its instance" -> outcome(call(user, "GET", "/engine-rest/process-instance/"
                        + tasks.createTaskQuery().taskId(task(kind)).singleResult().getProcessInstanceId(), null));
                case "set a variable outside its form" -> outcome(call(user, "PUT", "/engine-rest/task/" + task(kind)
                        + "/variables/matrixProbe", "{\"value\":\"" + user + "\",\"type\":\"String\"}"));
                default -> throw new IllegalArgumentException(action);
            };
        }
        return switch (action) {
            case "staff intake: start (enter a request)" -> startStaffIntake(user);
            case "send to review: start (refer a request to the exemption review)" -> startSendToReview(user);
            case "rights-request instance: read" -> outcome(call(user, "GET", "/engine-rest/process-instance/"
                    + requestInstance(), null));
            case "rights-request instance: read its variables" -> readVariables(user);
            case "manual-fulfilment instance: read" -> outcome(call(user, "GET", "/engine-rest/process-instance/"
                    + probeInstance(), null));
            case "history: read process instances" -> listed(call(user, "GET",
                    "/engine-rest/history/process-instance?processInstanceId=" + requestInstance(), null));
            case "history: read activities" -> listed(call(user, "GET",
                    "/engine-rest/history/activity-instance?processInstanceId=" + requestInstance(), null));
            case "process instance: set a variable" -> outcome(call(user, "POST", "/engine-rest/process-instance/"
                    + probeInstance() + "/variables", "{\"modifications\":{\"matrixProbe\":{\"value\":\"" + user
                    + "\",\"type\":\"String\"}}}"));
            case "process instance: suspend" -> suspend(user);
            case "process instance: modify (start before an activity)" -> outcome(call(user, "POST",
                    "/engine-rest/process-instance/" + probeInstance() + "/modification",
                    "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_FulfilManually\"}]}"));
            case "process instance: delete" -> outcome(call(user, "DELETE", "/engine-rest/process-instance/"
                    + probeInstance(), null));
            case "job: set retries" -> outcome(call(user, "PUT", "/engine-rest/job/" + job() + "/retries",
                    "{\"retries\":3}"));
            case "incident: resolve" -> outcome(call(user, "DELETE", "/engine-rest/incident/" + incident(), null));
            case "deployment: create" -> createDeployment(user);
            case "user: create" -> createUser(user);
            case "group: create" -> createGroup(user);
            case "authorization: create" -> createAuthorization(user);
            default -> throw new IllegalArgumentException(action);
        };
    }

    /** The filter is in the caller's filter list and runs for them; the two must agree. */
    private Outcome runFilter(String group, String user) {
        String id = filters.createFilterQuery().filterName(org.rightsflow.support.TaskFilters.openTasksOf(group))
                .singleResult().getId();
        Response list = call(user, "GET", "/engine-rest/filter?resourceType=Task", null);
        Outcome listed = list.status() == 200 ? (list.body().contains("\"" + id + "\"") ? Outcome.ALLOWED : Outcome.DENIED)
                : outcome(list);
        Outcome ran = outcome(call(user, "GET", "/engine-rest/filter/" + id + "/list?maxResults=5", null));
        assertThat(ran).as("filter of %s listed (%s) but run (%s) for %s", group, listed, ran, user).isEqualTo(listed);
        return ran;
    }

    /** Claims the task and, if that worked, gives it back, so the task stays open for the other cells. */
    private Outcome claim(TaskKind kind, String user) {
        String task = task(kind);
        Outcome claimed = outcome(call(user, "POST", "/engine-rest/task/" + task + "/claim",
                "{\"userId\":\"" + user + "\"}"));
        if (claimed == Outcome.ALLOWED) {
            assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(user);
            assertThat(call(user, "POST", "/engine-rest/task/" + task + "/unclaim", null).status()).isEqualTo(204);
        } else {
            assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).as("nobody claimed").isNull();
        }
        return claimed;
    }

    private Outcome complete(TaskKind kind, String user) {
        String task = task(kind);
        Response response = call(user, "POST", "/engine-rest/task/" + task + "/complete", kind.completion);
        Outcome completed = outcome(response);
        assertThat(tasks.createTaskQuery().taskId(task).count()).as("%s completed: %s", kind.label, response)
                .isEqualTo(completed == Outcome.ALLOWED ? 0 : 1);
        return completed;
    }

    private Outcome startStaffIntake(String user) {
        String email = ownAccount();
        long before = jdbc.queryForObject("select count(*) from rights_request", Long.class);
        Response response = call(user, "POST", "/engine-rest/process-definition/key/StaffIntakeProcess/submit-form",
                "{\"variables\":{\"intakeRequestType\":{\"value\":\"ACCESS\"},\"intakeAccountEmail\":{\"value\":\""
                        + email + "\"},\"intakeLanguage\":{\"value\":\"en\"},\"intakeReceivedVia\":{\"value\":\"LETTER\"}}}");
        Outcome started = outcome(response);
        long after = jdbc.queryForObject("select count(*) from rights_request", Long.class);
        assertThat(after - before).as("requests entered by %s: %s", user, response).isEqualTo(started == Outcome.ALLOWED ? 1 : 0);
        return started;
    }

    /** Each cell refers a request of its own (awaiting verification), so a refusal leaves it without a referral. */
    private Outcome startSendToReview(String user) {
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        String reference = requester.file("ACCESS", ownAccount(), null).reference();
        Response response = call(user, "POST", "/engine-rest/process-definition/key/SendToReviewProcess/submit-form",
                "{\"variables\":{\"referralReference\":{\"value\":\"" + reference + "\"},\"referralReason\":"
                        + "{\"value\":\"Matrix probe: a caller mentioned an exemption.\"}}}");
        Outcome started = outcome(response);
        long referrals = jdbc.queryForObject("select count(*) from review_referral f join rights_request r"
                + " on r.id = f.request_id where r.reference = ?", Long.class, reference);
        assertThat(referrals).as("referrals by %s: %s", user, response).isEqualTo(started == Outcome.ALLOWED ? 1 : 0);
        return started;
    }

    /** Reading the variables of a request's instance: refused (403) or answered with none of them (filtered). */
    private Outcome readVariables(String user) {
        Response response = call(user, "GET", "/engine-rest/variable-instance?processInstanceIdIn=" + requestInstance(),
                null);
        if (response.status() != 200) {
            return outcome(response);
        }
        return response.body().contains("\"requestId\"") ? Outcome.ALLOWED : Outcome.DENIED;
    }

    private Outcome suspend(String user) {
        String instance = probeInstance();
        Outcome suspended = outcome(call(user, "PUT", "/engine-rest/process-instance/" + instance + "/suspended",
                "{\"suspended\":true}"));
        boolean isSuspended = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().isSuspended();
        assertThat(isSuspended).isEqualTo(suspended == Outcome.ALLOWED);
        if (isSuspended) {
            runtime.activateProcessInstanceById(instance);
        }
        return suspended;
    }

    private Outcome createDeployment(String user) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://rightsflow.org/matrix">
                  <process id="MatrixProbe_%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start" />
                  </process>
                </definitions>""".formatted(user);
        String boundary = "matrix" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmatrix-"
                + user + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"probe.bpmn\""
                + "\r\nContent-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        Response response = send(user, HttpRequest.newBuilder(URI.create(base() + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        repository.createDeploymentQuery().deploymentName("matrix-" + user).list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
        return outcome(response);
    }

    private Outcome createUser(String user) {
        String id = "matrixprobe" + user; // user ids are letters and digits only
        Outcome created = outcome(call(user, "POST", "/engine-rest/user/create",
                "{\"profile\":{\"id\":\"" + id + "\",\"firstName\":\"Matrix\",\"lastName\":\"Probe\"},"
                        + "\"credentials\":{\"password\":\"matrix-password-1\"}}"));
        assertThat(identity.createUserQuery().userId(id).count()).isEqualTo(created == Outcome.ALLOWED ? 1 : 0);
        identity.deleteUser(id);
        return created;
    }

    private Outcome createGroup(String user) {
        String id = "matrix-group-" + user;
        Outcome created = outcome(call(user, "POST", "/engine-rest/group/create",
                "{\"id\":\"" + id + "\",\"name\":\"Matrix probe\",\"type\":\"WORKFLOW\"}"));
        assertThat(identity.createGroupQuery().groupId(id).count()).isEqualTo(created == Outcome.ALLOWED ? 1 : 0);
        identity.deleteGroup(id);
        return created;
    }

    /** A user granting themselves every permission on every process instance: only the administrator may. */
    private Outcome createAuthorization(String user) {
        Response response = call(user, "POST", "/engine-rest/authorization/create",
                "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"" + user + "\",\"resourceType\":8,\"resourceId\":\"*\"}");
        Outcome created = outcome(response);
        var made = authorizations.createAuthorizationQuery().userIdIn(user).resourceType(8).list();
        assertThat(made).as("authorizations %s granted itself", user).hasSize(created == Outcome.ALLOWED ? 1 : 0);
        made.forEach(a -> authorizations.deleteAuthorization(a.getId()));
        return created;
    }

    // ---------------------------------------------------------------------------------------------------- targets

    /** The kinds of staff task in the models, each with the form a permitted user submits to complete it. */
    enum TaskKind {
        REVIEW("exemption review", "Task_ReviewExemptions", strings("decision", "PROCEED",
                "explanation", "No exemption applies.")),
        REFUSAL_APPROVAL("refusal approval", "Task_ApproveRefusal", strings("decision", "APPROVE",
                "explanation", "The legal obligation is confirmed.")),
        MANUAL_IDENTITY_CHECK("manual identity check", "Task_VerifyIdentityManually", strings("decision", "VERIFIED",
                "explanation", "Signed letter with a copy of the ID card matching the account.")),
        MANUAL_FULFILMENT("manual fulfilment", "Task_FulfilManually", strings("decision", "COMPLETED",
                "explanation", "Done by hand in the billing system.")),
        TRANSFER_APPROVAL("transfer approval", "Task_ApproveTransfer", transferApproval());

        static final Map<String, TaskKind> BY_LABEL = new HashMap<>();

        static {
            for (TaskKind kind : values()) {
                BY_LABEL.put(kind.label, kind);
            }
        }

        final String label;
        final String key;
        final String completion;

        TaskKind(String label, String key, String completion) {
            this.label = label;
            this.key = key;
            this.completion = completion;
        }
    }

    private String task(TaskKind kind) {
        return target("task " + kind, id -> tasks.createTaskQuery().taskId(id).count() == 1
                && tasks.createTaskQuery().taskId(id).singleResult().getAssignee() == null, () -> switch (kind) {
                    case REVIEW -> reviewTask().getId();
                    case REFUSAL_APPROVAL -> refusalApprovalTask();
                    case MANUAL_IDENTITY_CHECK -> manualIdentityCheckTask();
                    case MANUAL_FULFILMENT -> awaitTask(tasks, runtime.startProcessInstanceByKey("ManualFulfilmentProcess",
                            "MATRIX-" + System.nanoTime(), manualFulfilmentInputs()).getBusinessKey(), kind.key).getId();
                    case TRANSFER_APPROVAL -> transferApprovalTask();
                });
    }

    /**
     * A request's instance (RightsRequestProcess) waiting at the exemption review, for the reads; the review task
     * itself is in the called ExemptionReviewProcess, under the request's reference.
     */
    private String requestInstance() {
        return target("request instance", id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() == 1,
                () -> {
                    String reference = runtime.createProcessInstanceQuery()
                            .processInstanceId(reviewTask().getProcessInstanceId()).singleResult().getBusinessKey();
                    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                            .processDefinitionKey("RightsRequestProcess").singleResult().getId();
                });
    }

    /**
     * An instance of its own for the changes only the administrator may make (suspend, variables, modification,
     * delete): the manual fulfilment process started as the rights-request process starts it for a right without a
     * connector, with a made-up reference, so no request is harmed.
     */
    private String probeInstance() {
        return target("probe instance", id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() == 1,
                () -> runtime.startProcessInstanceByKey("ManualFulfilmentProcess", "MATRIX-PROBE-" + System.nanoTime(),
                        manualFulfilmentInputs()).getId());
    }

    private String job() {
        return target("job", id -> management.createJobQuery().jobId(id).count() == 1, () -> {
            String instance = requestInstance();
            await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery().processInstanceId(instance)
                    .count() > 0);
            Job job = management.createJobQuery().processInstanceId(instance).list().get(0);
            return job.getId();
        });
    }

    /** A custom incident on the probe instance (only custom incidents can be resolved by hand). */
    private String incident() {
        return target("incident", id -> runtime.createIncidentQuery().incidentId(id).count() == 1, () -> {
            String execution = runtime.createExecutionQuery().processInstanceId(probeInstance()).list().get(0).getId();
            Incident incident = runtime.createIncident("matrix-probe", execution, "matrix", "Raised by the matrix test");
            return incident.getId();
        });
    }

    private String target(String name, java.util.function.Predicate<String> stillUsable, Supplier<String> make) {
        String id = targets.get(name);
        if (id == null || !stillUsable.test(id)) {
            id = make.get();
            targets.put(name, id);
        }
        return id;
    }

    private Task reviewTask() {
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        String reference = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null).reference();
        String id = awaitTask(tasks, reference, TaskKind.REVIEW.key).getId();
        return tasks.createTaskQuery().taskId(id).singleResult();
    }

    /** An officer proposes a refusal: the approval goes to the legal reviewers. */
    private String refusalApprovalTask() {
        Task review = reviewTask();
        // the approval is the task of the called RefusalApprovalProcess, which carries the request's reference (as
        // the review's own called instance does, which ends with the review)
        String reference = runtime.createProcessInstanceQuery().processInstanceId(review.getProcessInstanceId())
                .singleResult().getBusinessKey();
        StaffSignIn.as(identity, OFFICER);
        try {
            tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "REFUSE")
                    .putValue("grounds", "[\"LEGAL_OBLIGATION\"]")
                    .putValue("explanation", "A court order requires us to keep this from the requester."));
        } finally {
            identity.clearAuthentication();
        }
        return awaitTask(tasks, reference, TaskKind.REFUSAL_APPROVAL.key).getId();
    }

    /**
     * Another member of intake staff enters a request received by letter: its identity is then checked by hand (by
     * anyone but whoever entered it, separation of duties: StaffIntakeTest).
     */
    private String manualIdentityCheckTask() {
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey("StaffIntakeProcess")
                .latestVersion().singleResult().getId();
        StaffSignIn.as(identity, "intake2");
        String reference;
        try {
            reference = forms.submitStartForm(definition, Variables.createVariables()
                    .putValue("intakeRequestType", "ACCESS").putValue("intakeAccountEmail", ownAccount())
                    .putValue("intakeLanguage", "en").putValue("intakeReceivedVia", "LETTER")).getBusinessKey();
        } finally {
            identity.clearAuthentication();
        }
        return awaitTask(tasks, reference, TaskKind.MANUAL_IDENTITY_CHECK.key).getId();
    }

    private String transferApprovalTask() {
        String email = "matrix-transfer-" + System.nanoTime() + "@example.com";
        TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        String reference = requester.fileAndVerify("TRANSFER", email, email, Map.of("recipientName", "Matrix Probe Ltd",
                "recipientEmail", "import-" + System.nanoTime() + "@recipient.example")).reference();
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, reference, "No exemption applies to a transfer.");
        return awaitTask(tasks, reference, TaskKind.TRANSFER_APPROVAL.key).getId();
    }

    private static Map<String, Object> manualFulfilmentInputs() {
        return Variables.createVariables().putValue("reference", "MATRIX").putValue("requestType", "ACCESS")
                .putValue("dueDate", new Date(System.currentTimeMillis() + Duration.ofDays(15).toMillis()));
    }

    private String ownAccount() {
        String email = "matrix-intake-" + System.nanoTime() + "@example.com";
        Accounts.account(email).phone("+86136" + String.format("%08d", System.nanoTime() % 100_000_000L))
                .birthDate("1985-05-05").insert(jdbc);
        return email;
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    record Response(int status, String body) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** 2xx: the engine did it; 401, 403 and 404 (filtered away): it did not; anything else is a failure of its own. */
    private static Outcome outcome(Response response) {
        if (response.status() >= 200 && response.status() < 300) {
            return Outcome.ALLOWED;
        }
        if (response.status() == 401 || response.status() == 403 || response.status() == 404) {
            return Outcome.DENIED;
        }
        throw new AssertionError("Neither allowed nor denied: " + response);
    }

    /** A list query: the engine leaves out what the caller may not read, so an empty list is DENIED. */
    private static Outcome listed(Response response) {
        if (response.status() != 200) {
            return outcome(response);
        }
        try {
            return JSON.readTree(response.body()).isEmpty() ? Outcome.DENIED : Outcome.ALLOWED;
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response, e);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private Response call(String user, String method, String path, String body) {
        return send(user, HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"));
    }

    /** HTTP Basic with the demo password (the user id), none for the anonymous caller. */
    private Response send(String user, HttpRequest.Builder request) {
        request.header("Accept", "application/json");
        if (!user.equals(ANONYMOUS)) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String strings(String... namesAndValues) {
        return StaffHttp.completion(namesAndValues);
    }

    private static String transferApproval() {
        ObjectNode variables = JSON.createObjectNode();
        TransferApproval.CONDITIONS.forEach(c -> variables.putObject(c).put("value", true).put("type", "Boolean"));
        variables.putObject("decision").put("value", TransferApproval.APPROVE).put("type", "String");
        variables.putObject("explanation").put("value", "Verified requester; contract data; portable; no third party.")
                .put("type", "String");
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return body.toString();
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
