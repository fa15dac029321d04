package org.rightsflow.process.setup;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
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
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.task.TaskQuery;
import org.rightsflow.fulfilment.systems.WorkerProperties;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.deadline.DeadlineProperties;
import org.rightsflow.process.model.VariableNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tasklist and Cockpit set up in code, idempotently (docs/architecture.md): the staff groups of docs/staff.md, their application
 * access and read rights (instances only of the processes holding the group's tasks), per group four task filters
 * (all open tasks, overdue, due soon, provisional due dates) with reference, type, due date and whether it is
 * provisional as columns, read-only Cockpit for auditors (READ and READ_HISTORY only, never UPDATE or DELETE), and in
 * the default profile the demo users. Running it again changes nothing.
 */
@Component
public class TasklistSetup {

    private static final Logger log = LoggerFactory.getLogger(TasklistSetup.class);

    /**
     * The four task filters of each group. A filter's name is what Tasklist lists in its sidebar whatever its own
     * language, so it is the group's name in Chinese and English with the filter's words in both ("隐私官 — 已逾期 ·
     * Privacy officers — overdue"); filters that an earlier version named in English only are renamed at start.
     */
    public enum TaskFilter {
        OPEN("", ""),
        OVERDUE(" — 已逾期", " — overdue"),
        DUE_SOON(" — 即将到期", " — due soon"),
        PROVISIONAL(" — 截止日期暂定", " — provisional due dates");

        private final String chinese;
        private final String english;

        TaskFilter(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        /** The filter's name for a staff group, e.g. "隐私官 · Privacy officers" for OPEN. */
        public String nameFor(String groupId) {
            return StaffGroups.chineseName(groupId) + chinese + " · " + StaffGroups.displayName(groupId) + english;
        }

        /** The English-only name earlier versions gave it. */
        String earlierNameFor(String groupId) {
            return StaffGroups.displayName(groupId) + english;
        }
    }
    /**
     * The columns of every filter, labelled in Chinese and English (Tasklist shows a filter's labels as they are
     * stored, whatever its own language); an existing filter missing one gets it, and one labelled by an earlier
     * version gets these labels (filters created by earlier versions).
     */
    static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", VariableNames.REFERENCE, "label", "申请编号 · Reference"),
            Map.of("name", VariableNames.REQUEST_TYPE, "label", "权利 · Type"),
            Map.of("name", VariableNames.DUE_DATE, "label", "截止 · Due"),
            Map.of("name", VariableNames.DUE_DATE_PROVISIONAL, "label", "截止日期暂定 · Due date provisional"));

    /**
     * Instances a group reads although the process holds none of its tasks: the privacy officers read every request
     * (they may send any of them to the exemption review, and read intake's identity checks), although their review
     * is a called process of its own since it left RightsRequestProcess.
     */
    static final Map<String, Set<String>> INSTANCES_READ_WITHOUT_TASKS =
            Map.of(StaffGroups.PRIVACY_OFFICERS, Set.of(RightsRequestModel.PROCESS_ID));

    private final ProcessEngine engine;
    private final DemoStaffProperties demoStaff;
    private final DeadlineProperties deadline;
    private final WorkerProperties workers;

    public TasklistSetup(ProcessEngine engine, DemoStaffProperties demoStaff, DeadlineProperties deadline,
                         WorkerProperties workers) {
        this.engine = engine;
        this.workers = workers;
        this.demoStaff = demoStaff;
        this.deadline = deadline;
    }

    /** The engine is built and the models are deployed by the time the application is ready. */
    @EventListener(ApplicationReadyEvent.class)
    public void setUp() {
        for (String group : List.of(StaffGroups.INTAKE, StaffGroups.PRIVACY_OFFICERS, StaffGroups.LEGAL_REVIEWERS,
                StaffGroups.DATA_OPERATORS, StaffGroups.AUDITORS, StaffGroups.ADMINS, StaffGroups.SYSTEM_WORKERS)) {
            ensureGroup(group);
        }
        Map<String, Set<String>> groupsByKey = inEngine(DefinitionTaskGrants::groupsByKey);
        Map<String, Set<String>> processesWithTasks = processesWithTasksByGroup(groupsByKey);
        for (String group : StaffGroups.TASK_WORKERS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
            // READ_INSTANCE: Tasklist reads the process variables of a task (the filter's Reference/Type/Due columns,
            // a search by reference) through the process instance. Read only, and only on the processes that hold
            // the group's tasks: a data operator has no business reading every request's instance (legal hold,
            // open investigation, the decisions). Earlier versions granted it on "*": taken back here.
            revoke(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ_INSTANCE);
            Set<String> withTasks = new TreeSet<>(processesWithTasks.getOrDefault(group, Set.of()));
            withTasks.addAll(INSTANCES_READ_WITHOUT_TASKS.getOrDefault(group, Set.of()));
            for (String process : withTasks) {
                if (TaskGroupInstanceAccess.PER_INSTANCE.contains(group)) {
                    // intake and legal: only the instances that hold their tasks (TaskGroupInstanceAccess)
                    grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ);
                    revoke(group, Resources.PROCESS_DEFINITION, process, Permissions.READ_INSTANCE);
                } else {
                    grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ, Permissions.READ_INSTANCE);
                }
            }
            // A process whose tasks moved elsewhere (the legal reviewers' approval moved from RightsRequestProcess to
            // the shared RefusalApprovalProcess) keeps no instance read right from an earlier start. Every deployed
            // version counts: the officers still read the requests of the earlier RightsRequestProcess version, whose
            // instances hold their review task themselves.
            for (String process : deployedProcessKeys()) {
                if (!withTasks.contains(process)) {
                    revoke(group, Resources.PROCESS_DEFINITION, process, Permissions.READ_INSTANCE);
                }
            }
            ensureFilters(group);
        }
        // The tasks of a definition that, in all its versions, gives its tasks to one group alone: that group sees and
        // works them by one grant on the key, and the engine writes no authorization row per task
        // (DefinitionTaskGrants). Every other group loses such a grant on the key, and gets the rows of its open tasks.
        groupsByKey.forEach((process, groups) -> {
            String single = DefinitionTaskGrants.singleGroup(groups);
            if (single != null) {
                grant(single, Resources.PROCESS_DEFINITION, process, DefinitionTaskGrants.ON_DEFINITION);
            }
            inEngine(context -> {
                DefinitionTaskGrants.save(context, DefinitionTaskGrants.reconcile(context, process, single));
                return null;
            });
        });
        // intake staff enter requests received by phone, letter or email from the start form in Tasklist
        grant(StaffGroups.INTAKE, Resources.PROCESS_DEFINITION, "StaffIntakeProcess", Permissions.READ,
                Permissions.CREATE_INSTANCE);
        grant(StaffGroups.INTAKE, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        // privacy officers send a request to the exemption review from a start form in Tasklist
        grant(StaffGroups.PRIVACY_OFFICERS, Resources.PROCESS_DEFINITION, "SendToReviewProcess", Permissions.READ,
                Permissions.CREATE_INSTANCE);
        grant(StaffGroups.PRIVACY_OFFICERS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        grant(StaffGroups.AUDITORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffGroups.AUDITORS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        grant(StaffGroups.AUDITORS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(StaffGroups.AUDITORS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(StaffGroups.AUDITORS, Resources.DEPLOYMENT, "*", Permissions.READ);
        grant(StaffGroups.AUDITORS, Resources.TASK, "*", Permissions.READ);
        // external-task workers fetch, lock, extend, fail and complete the external tasks of the systems' steps
        // (through the engine REST API); nothing else. Which system's task a worker may act on is checked by the
        // worker API, which holds each system's own credentials.
        grant(StaffGroups.SYSTEM_WORKERS, Resources.PROCESS_DEFINITION, SystemStepModel.PROCESS_ID, Permissions.READ,
                Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE);
        if (demoStaff.enabled()) {
            demoStaff.users().forEach(this::ensureDemoUser);
        }
        if (workers.engineUser() != null && !workers.engineUser().isBlank() && workers.enginePassword() != null
                && !workers.enginePassword().isBlank()) {
            ensureWorkerUser(workers.engineUser(), workers.enginePassword());
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

    /** A worker's engine user (not staff): in system-workers only; its password is kept as configured. */
    private void ensureWorkerUser(String userId, String password) {
        boolean created = ensureMember(userId, StaffGroups.SYSTEM_WORKERS, user -> {
            user.setLastName("(external-task worker)");
            user.setPassword(password);
        });
        if (created) {
            log.info("Created the worker user '{}' in group '{}'", userId, StaffGroups.SYSTEM_WORKERS);
        }
    }

    private void ensureDemoUser(String userId, String groupId) {
        boolean created = ensureMember(userId, groupId, user -> {
            user.setLastName("(demo)");
            user.setPassword(userId);
            user.setEmail(userId + "@staff.rightsflow.invalid");
        });
        if (created) {
            log.info("Created demo staff user '{}' in group '{}'", userId, groupId);
        }
    }

    /**
     * The engine user {@code userId} exists (created with {@code details} when missing, never changed when present)
     * and is a member of {@code groupId}.
     *
     * @return whether the user was created now
     */
    private boolean ensureMember(String userId, String groupId, Consumer<User> details) {
        IdentityService identity = engine.getIdentityService();
        boolean missing = identity.createUserQuery().userId(userId).count() == 0;
        if (missing) {
            User user = identity.newUser(userId);
            user.setFirstName(userId);
            details.accept(user);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
        return missing;
    }

    private Set<String> deployedProcessKeys() {
        Set<String> keys = new TreeSet<>();
        engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
                .forEach(definition -> keys.add(definition.getKey()));
        return keys;
    }

    /**
     * Per staff group, the keys of the deployed processes with a user task that group is a candidate for, in any
     * deployed version (a group named by an expression is known only at run time and not counted).
     */
    private static Map<String, Set<String>> processesWithTasksByGroup(Map<String, Set<String>> groupsByKey) {
        Map<String, Set<String>> processes = new TreeMap<>();
        groupsByKey.forEach((key, groups) -> groups.stream()
                .filter(group -> !DefinitionTaskGrants.NOT_ONE_NAMED_GROUP.equals(group))
                .forEach(group -> processes.computeIfAbsent(group, g -> new TreeSet<>()).add(key)));
        return processes;
    }

    /** Runs in one of the engine's transactions (its internal view: every version, every authorization). */
    private <T> T inEngine(Command<T> work) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(work);
    }

    private void revoke(String groupId, Resource resource, String resourceId, Permission permission) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (existing != null && existing.isPermissionGranted(permission)) {
            existing.removePermission(permission);
            authorizations.saveAuthorization(existing);
            log.info("Revoked {} on {} '{}' from group '{}'", permission.getName(), resource.resourceName(), resourceId,
                    groupId);
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

    /**
     * Three filters per group, each readable by that group only: its candidate tasks (earliest due first), the
     * overdue ones, and those due within the staff-reminder period. The dates are expressions, evaluated whenever
     * the filter runs.
     */
    private void ensureFilters(String groupId) {
        String name = StaffGroups.displayName(groupId);
        int priority = StaffGroups.TASK_WORKERS.indexOf(groupId) * 3;
        TaskService tasks = engine.getTaskService();
        String zh = StaffGroups.chineseName(groupId);
        ensureFilter(groupId, TaskFilter.OPEN, zh + "的待办任务 · Open tasks of " + name, priority,
                tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks().orderByDueDate().asc());
        ensureFilter(groupId, TaskFilter.OVERDUE, zh + "已逾期的任务 · Tasks of " + name + " past their due date",
                priority + 1,
                tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks()
                        .dueBeforeExpression("${now()}").orderByDueDate().asc());
        long days = Math.max(1, deadline.staffReminderBefore().toDays());
        ensureFilter(groupId, TaskFilter.DUE_SOON, zh + "在 " + days + " 天内到期的任务 · Tasks of " + name + " due within "
                        + days + " days", priority + 2,
                tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks()
                        .dueAfterExpression("${now()}")
                        .dueBeforeExpression("${dateTime().plusDays(" + days + ").toDate()}")
                        .orderByDueDate().asc());
        // Due dates that counted days of a year without official calendar data: the earliest possible date, kept
        // when the data arrives (the flag then clears and the task leaves this filter).
        ensureFilter(groupId, TaskFilter.PROVISIONAL, zh + "截止日期暂定的任务（所计年份缺少日历数据） · Tasks of " + name
                        + " whose due date is provisional (calendar data for a year it counts is missing)", priority + 3,
                tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks()
                        .processVariableValueEquals(VariableNames.DUE_DATE_PROVISIONAL, true).orderByDueDate().asc());
    }

    @SuppressWarnings("unchecked")
    private static boolean addMissingColumns(Filter filter) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(filter.getProperties());
        List<Map<String, Object>> columns = new java.util.ArrayList<>();
        ((List<Map<String, Object>>) properties.getOrDefault("variables", List.of()))
                .forEach(column -> columns.add(new java.util.LinkedHashMap<>(column)));
        Map<Object, Map<String, Object>> present = new java.util.HashMap<>();
        columns.forEach(column -> present.put(column.get("name"), column));
        boolean added = false;
        for (Map<String, String> column : COLUMNS) {
            Map<String, Object> existing = present.get(column.get("name"));
            if (existing == null) {
                columns.add(new java.util.LinkedHashMap<>(column));
                added = true;
            } else if (!column.get("label").equals(existing.get("label"))) {
                existing.put("label", column.get("label"));
                added = true;
            }
        }
        if (added) {
            properties.put("variables", columns);
            filter.setProperties(properties);
        }
        return added;
    }

    /** Gives a filter described by an earlier version this version's description (shown as its tooltip). */
    private static boolean describe(Filter filter, String description) {
        if (description.equals(filter.getProperties().get("description"))) {
            return false;
        }
        Map<String, Object> properties = new java.util.LinkedHashMap<>(filter.getProperties());
        properties.put("description", description);
        filter.setProperties(properties);
        return true;
    }

    private void ensureFilter(String groupId, TaskFilter kind, String description, int priority, TaskQuery query) {
        FilterService filters = engine.getFilterService();
        String name = kind.nameFor(groupId);
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            // named by an earlier version in English only: renamed, keeping its id (and so its grants)
            filter = filters.createFilterQuery().filterName(kind.earlierNameFor(groupId)).singleResult();
            if (filter != null) {
                filter.setName(name);
                filters.saveFilter(filter);
            }
        }
        if (filter == null) {
            filter = filters.newTaskFilter(name).setQuery(query).setProperties(Map.of(
                    "description", description,
                    "priority", priority,
                    "refresh", true,
                    "variables", COLUMNS));
            filters.saveFilter(filter);
        } else if (addMissingColumns(filter) | describe(filter, description)) {
            filters.saveFilter(filter);
        }
        grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
    }
}
