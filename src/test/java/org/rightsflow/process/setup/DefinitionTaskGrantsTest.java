package org.rightsflow.process.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of the task rights (docs/staff.md, "Task rights"), on an engine of its own with authorization on
 * and the application's authorization provider: no authorization row per task where the one group of a definition holds
 * the grant on it; rows where it does not hold it yet, or where the definition's tasks go to several groups; and a new
 * version that gives a definition's tasks to a second group takes the grant back and writes the rows of the open
 * tasks, so that no task becomes invisible and no group sees the other's.
 */
class DefinitionTaskGrantsTest {

    private static final String KEY = "GrantsProbeProcess";
    private static ProcessEngine engine;

    @BeforeAll
    static void anEngineWithTheApplicationsProvider() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("definition-task-grants");
        configuration.setJdbcUrl("jdbc:h2:mem:definition-task-grants;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("none");
        configuration.setAuthorizationEnabled(true);
        configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
        configuration.setResourceAuthorizationProvider(new TaskGroupInstanceAccess.Provider());
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static BpmnModelInstance model(String... groups) {
        ProcessBuilder process = Bpmn.createExecutableProcess(KEY);
        process.camundaHistoryTimeToLive(1);
        AbstractFlowNodeBuilder<?, ?> flow = process.startEvent();
        for (int i = 0; i < groups.length; i++) {
            flow = flow.userTask("Task_" + i).camundaCandidateGroups(groups[i]);
        }
        return flow.endEvent().done();
    }

    private static void deploy(BpmnModelInstance model) {
        engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", model).deploy();
    }

    private static List<Authorization> taskRows(String taskId) {
        return engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(taskId).list();
    }

    private static Authorization onKey(String group) {
        return engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(group)
                .resourceType(Resources.PROCESS_DEFINITION).resourceId(KEY).singleResult();
    }

    private static void grantOnKey(String group) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId(KEY);
        for (Permission permission : DefinitionTaskGrants.ON_DEFINITION) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }

    private static Task start(String taskKey) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(KEY).getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey)
                .singleResult();
    }

    private static List<String> seenBy(String group) {
        engine.getIdentityService().setAuthentication("someone-of-" + group, List.of(group));
        try {
            return engine.getTaskService().createTaskQuery().list().stream().map(Task::getId).toList();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void oneGroupsTasksNeedNoRowOnceItHoldsTheGrantAndASecondGroupBringsTheRowsBack() {
        deploy(model("group-a"));
        Task beforeTheGrant = start("Task_0");
        assertThat(taskRows(beforeTheGrant.getId())).as("no grant on the key yet: the engine's row")
                .singleElement().satisfies(row -> assertThat(row.getGroupId()).isEqualTo("group-a"));

        grantOnKey("group-a");
        Task covered = start("Task_0");
        assertThat(taskRows(covered.getId())).as("covered by the grant on the key").isEmpty();
        assertThat(seenBy("group-a")).contains(covered.getId(), beforeTheGrant.getId());
        assertThat(seenBy("group-b")).isEmpty();

        // a new version gives the key's tasks to a second group: the grant goes, the open task gets its row
        deploy(model("group-a", "group-b"));
        Authorization taken = onKey("group-a");
        assertThat(taken.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)).isFalse();
        assertThat(taken.isPermissionGranted(ProcessDefinitionPermissions.TASK_WORK)).isFalse();
        assertThat(taskRows(covered.getId())).singleElement().satisfies(row -> {
            assertThat(row.getGroupId()).isEqualTo("group-a");
            assertThat(row.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
            assertThat(row.isPermissionGranted(TaskPermissions.TASK_ASSIGN)).isTrue();
        });
        assertThat(seenBy("group-a")).contains(covered.getId(), beforeTheGrant.getId());

        // the second group's task is never the first group's, and each new task has its rows again
        String instance = engine.getRuntimeService().startProcessInstanceByKey(KEY).getId();
        Task first = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(taskRows(first.getId())).extracting(Authorization::getGroupId).containsExactly("group-a");
        engine.getTaskService().complete(first.getId());
        Task second = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(taskRows(second.getId())).extracting(Authorization::getGroupId).containsExactly("group-b");
        assertThat(seenBy("group-a")).doesNotContain(second.getId());
        assertThat(seenBy("group-b")).containsExactly(second.getId());
    }
}
