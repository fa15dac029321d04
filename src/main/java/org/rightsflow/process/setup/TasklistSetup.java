package org.rightsflow.process.setup;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tasklist and Cockpit set up in code, idempotently (DESIGN.md): the staff groups of SPEC §2, their application
 * access and read rights, one task filter per group with reference, type and due date as columns, and in the
 * default profile the demo users. Running it again changes nothing.
 */
@Component
public class TasklistSetup {

    private static final Logger log = LoggerFactory.getLogger(TasklistSetup.class);

    private final ProcessEngine engine;
    private final DemoStaffProperties demoStaff;

    public TasklistSetup(ProcessEngine engine, DemoStaffProperties demoStaff) {
        this.engine = engine;
        this.demoStaff = demoStaff;
    }

    /** The engine is built and the models are deployed by the time the application is ready. */
    @EventListener(ApplicationReadyEvent.class)
    public void setUp() {
        for (String group : List.of(StaffGroups.INTAKE, StaffGroups.PRIVACY_OFFICERS, StaffGroups.LEGAL_REVIEWERS,
                StaffGroups.DATA_OPERATORS, StaffGroups.AUDITORS, StaffGroups.ADMINS)) {
            ensureGroup(group);
        }
        for (String group : StaffGroups.TASK_WORKERS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
            ensureFilter(group);
        }
        grant(StaffGroups.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffGroups.AUDITORS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        grant(StaffGroups.AUDITORS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(StaffGroups.AUDITORS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(StaffGroups.AUDITORS, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(StaffGroups.AUDITORS, Resources.TASK, "*", Permissions.READ);
        if (demoStaff.enabled()) {
            demoStaff.users().forEach(this::ensureDemoUser);
        }
    }

    private void ensureGroup(String id) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(StaffGroups.displayName(id));
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void ensureDemoUser(String userId, String groupId) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName(userId);
            user.setLastName("(demo)");
            user.setPassword(userId);
            user.setEmail(userId + "@staff.rightsflow.invalid");
            identity.saveUser(user);
            log.info("Created demo staff user '{}' in group '{}'", userId, groupId);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    /** One filter per group: its candidate tasks, earliest due first, with the request's facts as columns. */
    private void ensureFilter(String groupId) {
        FilterService filters = engine.getFilterService();
        String name = StaffGroups.displayName(groupId);
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            TaskService tasks = engine.getTaskService();
            TaskQuery query = tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks().orderByDueDate().asc();
            filter = filters.newTaskFilter(name).setQuery(query).setProperties(Map.of(
                    "description", "Open tasks of " + name,
                    "priority", StaffGroups.TASK_WORKERS.indexOf(groupId),
                    "refresh", true,
                    "variables", List.of(
                            Map.of("name", "reference", "label", "Reference"),
                            Map.of("name", "requestType", "label", "Type"),
                            Map.of("name", "dueDate", "label", "Due"))));
            filters.saveFilter(filter);
        }
        grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
    }
}
