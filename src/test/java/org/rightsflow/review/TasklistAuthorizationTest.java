package org.rightsflow.review;

import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.process.setup.TasklistSetup.TaskFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.process.setup.TasklistSetup;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TaskWaits;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Camunda authorization as each demo user meets it through the engine REST API (docs/staff.md): every worker sees its
 * group's four filters (all, overdue, due soon, provisional due dates) and only its group's tasks; the auditor sees no filter, may read
 * instances and history, and cannot complete, claim or change anything. Running the set-up again changes nothing.
 */
class TasklistAuthorizationTest extends PostgresIntegrationTest {

    private static final String ZHAO = "zhao.qiang@example.com";

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    TasklistSetup setup;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    FormService forms;
    @Autowired
    IdentityService identity;

    private static String reviewTaskId;
    private static String identityCheckId;
    private static String reviewReference;

    @BeforeEach
    void aReviewTaskIsOpen() {
        if (reviewTaskId != null && tasks.createTaskQuery().taskId(reviewTaskId).count() == 1) {
            return;
        }
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(filed.reference()).taskDefinitionKey("Task_ReviewExemptions").count() == 1);
        reviewReference = filed.reference();
        reviewTaskId = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey("Task_ReviewExemptions").singleResult().getId();
    }

    private List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream().map(IdentityLink::getGroupId)
                .filter(g -> g != null).toList();
    }

    @ParameterizedTest
    @CsvSource({"intake,privacy-intake", "officer,privacy-officers", "legal,legal-reviewers", "operator,data-operators"})
    void eachWorkerSeesOnlyTheirGroupsFiltersAndTasks(String user, String group) {
        StaffHttp staff = StaffHttp.as(port, user);
        String filterName = TaskFilter.OPEN.nameFor(group);

        StaffHttp.Response filterList = staff.get("/engine-rest/filter?resourceType=Task");
        assertThat(filterList.status()).as(filterList.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        filterList.json().forEach(f -> names.add(f.get("name").asText()));
        // named in Chinese and English (Tasklist lists a filter's name as stored, in any language)
        assertThat(names).containsExactlyInAnyOrder(filterName, TaskFilter.OVERDUE.nameFor(group),
                TaskFilter.DUE_SOON.nameFor(group), TaskFilter.PROVISIONAL.nameFor(group));
        assertThat(TaskFilter.OVERDUE.nameFor(group)).contains(" \u2014 已逾期 · ").endsWith(" \u2014 overdue");
        for (JsonNode filter : filterList.json()) {
            JsonNode columns = filter.at("/properties/variables");
            List<String> columnNames = new ArrayList<>();
            columns.forEach(c -> columnNames.add(c.get("name").asText()));
            assertThat(columnNames).containsExactly("reference", "requestType", "dueDate", "dueDateProvisional");
            StaffHttp.Response listed = staff.get("/engine-rest/filter/" + filter.get("id").asText() + "/list");
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            listed.json().forEach(task -> assertThat(candidateGroups(task.get("id").asText()))
                    .as("task %s in filter %s", task.get("id").asText(), filter.get("name").asText()).contains(group));
        }

        StaffHttp.Response visible = staff.get("/engine-rest/task?maxResults=500");
        assertThat(visible.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        visible.json().forEach(task -> ids.add(task.get("id").asText()));
        ids.forEach(id -> assertThat(candidateGroups(id)).as("task %s visible to %s", id, user).contains(group));
        if (group.equals("privacy-officers")) {
            assertThat(ids).contains(reviewTaskId);
            String all = filterList.json().findValuesAsText("id").stream()
                    .filter(id -> filters.getFilter(id).getName().equals(filterName)).findFirst().orElseThrow();
            List<String> inFilter = new ArrayList<>();
            staff.get("/engine-rest/filter/" + all + "/list?maxResults=500").json()
                    .forEach(t -> inFilter.add(t.get("id").asText()));
            assertThat(inFilter).contains(reviewTaskId);
        } else {
            assertThat(ids).doesNotContain(reviewTaskId);
            assertThat(staff.post("/engine-rest/task/" + reviewTaskId + "/complete",
                    StaffHttp.completion("decision", "PROCEED", "explanation", "Not my task at all.")).status())
                    .isIn(403, 404);
        }
        String otherGroupsFilter = filters.createFilterQuery().filterName(TaskFilter.OPEN.nameFor(
                group.equals(StaffGroups.PRIVACY_OFFICERS) ? StaffGroups.LEGAL_REVIEWERS : StaffGroups.PRIVACY_OFFICERS))
                .singleResult().getId();
        assertThat(staff.get("/engine-rest/filter/" + otherGroupsFilter + "/list").status()).isIn(403, 404);
    }

    @Test
    void theAuditorReadsButChangesNothing() {
        StaffHttp auditor = StaffHttp.as(port, "auditor");
        assertThat(auditor.get("/engine-rest/filter").json()).isEmpty();
        String instanceId = tasks.createTaskQuery().taskId(reviewTaskId).singleResult().getProcessInstanceId();

        assertThat(auditor.get("/engine-rest/process-instance/" + instanceId).status()).isEqualTo(200);
        StaffHttp.Response history = auditor.get("/engine-rest/history/process-instance?processInstanceBusinessKey="
                + reviewReference + "&processDefinitionKey=RightsRequestProcess");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json()).hasSize(1);

        assertThat(auditor.post("/engine-rest/task/" + reviewTaskId + "/complete",
                StaffHttp.completion("decision", "PROCEED", "explanation", "Auditors decide nothing.")).status())
                .isEqualTo(403);
        assertThat(auditor.post("/engine-rest/task/" + reviewTaskId + "/claim", "{\"userId\":\"auditor\"}").status())
                .isEqualTo(403);
        assertThat(auditor.post("/engine-rest/process-instance/" + instanceId + "/variables",
                "{\"modifications\":{\"reviewNeeded\":{\"value\":false,\"type\":\"Boolean\"}}}").status()).isEqualTo(403);
        assertThat(auditor.put("/engine-rest/process-instance/" + instanceId + "/suspended", "{\"suspended\":true}")
                .status()).isEqualTo(403);
        assertThat(auditor.delete("/engine-rest/process-instance/" + instanceId).status()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(reviewTaskId).singleResult().getAssignee()).isNull();
        assertThat(StaffHttp.anonymous(port).get("/engine-rest/task").status()).isEqualTo(401);

        List<Authorization> granted = authorizations.createAuthorizationQuery().groupIdIn("auditors").list();
        assertThat(granted).isNotEmpty();
        Permission[] forbidden = {Permissions.UPDATE, Permissions.DELETE, Permissions.CREATE,
                Permissions.UPDATE_INSTANCE, Permissions.DELETE_INSTANCE, Permissions.CREATE_INSTANCE,
                Permissions.DELETE_HISTORY, Permissions.TASK_WORK, Permissions.TASK_ASSIGN};
        for (Authorization authorization : granted) {
            for (Permission permission : forbidden) {
                if (appliesTo(permission, authorization)) {
                    assertThat(authorization.isPermissionGranted(permission))
                            .as("auditors never get %s on %s", permission, authorization.getResourceType()).isFalse();
                }
            }
        }
    }

    private static boolean appliesTo(Permission permission, Authorization authorization) {
        return java.util.Arrays.stream(permission.getTypes()).anyMatch(r -> r.resourceType() == authorization.getResourceType());
    }

    /**
     * The officers see their review tasks through one grant on ExemptionReviewProcess, whose only tasks are theirs;
     * intake staff see their identity checks in RightsRequestProcess. Neither group meets the other's task in the task
     * list, its count, a search by id, or any of its filters and their counts, and the engine wrote no authorization
     * row for the officers on the review task (DefinitionTaskGrants).
     */
    @Test
    void officersAndIntakeStaffNeverSeeEachOthersTasks() {
        String identityCheckId = manualIdentityCheck();
        assertThat(jdbc.queryForObject("select count(*) from act_ru_authorization where resource_type_ = 7"
                + " and resource_id_ = ? and group_id_ = 'privacy-officers'", Long.class, reviewTaskId))
                .as("no row per review task").isZero();
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("privacy-officers").resourceType(6)
                .resourceId("ExemptionReviewProcess").singleResult().isPermissionGranted(
                        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK))
                .as("one grant on the definition").isTrue();
        theirTasksOnly("officer", TaskFilter.OPEN.nameFor(StaffGroups.PRIVACY_OFFICERS), reviewTaskId, identityCheckId);
        theirTasksOnly("intake", TaskFilter.OPEN.nameFor(StaffGroups.INTAKE), identityCheckId, reviewTaskId);
    }

    private void theirTasksOnly(String user, String allFilter, String own, String other) {
        StaffHttp staff = StaffHttp.as(port, user);
        List<String> listed = ids(staff.get("/engine-rest/task?maxResults=1000"));
        assertThat(listed).as("%s's task list", user).contains(own).doesNotContain(other);
        assertThat(staff.get("/engine-rest/task/count").json().get("count").asLong()).as("%s's task count", user)
                .isEqualTo(listed.size());
        assertThat(ids(staff.get("/engine-rest/task?taskId=" + other))).as("%s searching by id", user).isEmpty();
        assertThat(staff.get("/engine-rest/task/" + other).status()).as("%s opening it", user).isEqualTo(404);
        List<String> filterNames = new ArrayList<>();
        for (JsonNode filter : staff.get("/engine-rest/filter?resourceType=Task").json()) {
            String id = filter.get("id").asText();
            filterNames.add(filter.get("name").asText());
            List<String> inFilter = ids(staff.get("/engine-rest/filter/" + id + "/list?maxResults=1000"));
            assertThat(inFilter).as("%s's filter %s", user, filter.get("name").asText()).doesNotContain(other);
            assertThat(staff.get("/engine-rest/filter/" + id + "/count").json().get("count").asLong())
                    .as("%s's filter %s: count", user, filter.get("name").asText()).isEqualTo(inFilter.size());
            if (filter.get("name").asText().equals(allFilter)) {
                assertThat(inFilter).as("%s's filter of all open tasks", user).contains(own);
            }
        }
        assertThat(filterNames).as("%s's filters", user).contains(allFilter);
    }

    private static List<String> ids(StaffHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    /** A request received by letter, entered by intake staff: its identity is checked by hand (intake's task). */
    private String manualIdentityCheck() {
        if (identityCheckId != null && tasks.createTaskQuery().taskId(identityCheckId).count() == 1) {
            return identityCheckId;
        }
        String email = "tasklist-intake-" + System.nanoTime() + "@example.com";
        Accounts.account(email).phone("+86137" + String.format("%08d", System.nanoTime() % 100_000_000L))
                .birthDate("1986-06-06").insert(jdbc);
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey("StaffIntakeProcess")
                .latestVersion().singleResult().getId();
        StaffSignIn.as(identity, "intake2");
        String reference;
        try {
            reference = forms.submitStartForm(definition, org.camunda.bpm.engine.variable.Variables.createVariables()
                    .putValue("intakeRequestType", "ACCESS").putValue("intakeAccountEmail", email)
                    .putValue("intakeLanguage", "en").putValue("intakeReceivedVia", "LETTER")).getBusinessKey();
        } finally {
            identity.clearAuthentication();
        }
        identityCheckId = TaskWaits.awaitTask(tasks, reference, "Task_VerifyIdentityManually").getId();
        return identityCheckId;
    }

    @Test
    void runningTheSetUpAgainChangesNothing() {
        long filtersBefore = filters.createFilterQuery().count();
        long authorizationsBefore = authorizations.createAuthorizationQuery().count();
        setup.setUp();
        assertThat(filters.createFilterQuery().count()).isEqualTo(filtersBefore);
        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(authorizationsBefore);
    }
}
