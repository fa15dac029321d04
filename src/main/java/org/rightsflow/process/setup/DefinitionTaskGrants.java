package org.rightsflow.process.setup;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;

/**
 * Which process definitions' tasks a staff group sees and works through one grant on the definition's key instead of
 * one authorization row per task (docs/staff.md, "Authorizations"; BENCHMARKS.md, figure 5).
 *
 * <p>By default the engine writes, for every candidate group of every task, a row in {@code ACT_RU_AUTHORIZATION}, and
 * every Tasklist query then probes that table once per task: with 50,000 open review tasks the officers' count alone
 * took 611 ms. A definition whose user tasks, in every deployed version of its key, all go to one candidate group (named
 * in the model, not by an expression) needs no such row: that group gets {@link #ON_DEFINITION} on the key
 * ({@link TasklistSetup}), which shows it exactly the tasks the rows would have shown, and nothing else. Definitions
 * with tasks of several groups (RightsRequestProcess: intake's identity check, and in its earlier version the
 * officers' review) keep the rows, because a grant on the key would show each group the other's tasks. A task's
 * assignee and a group added to a task by hand still get their own rows, as the engine writes them.
 *
 * <p>Versions: the decision is over all deployed versions of a key, so the instances of an earlier version keep their
 * rows and stay visible (nothing to migrate). When a deployment makes a key's tasks go to several groups (or to another
 * one), {@link #reconcile} takes the grant on the key back from the groups that must not keep it and writes the rows
 * of their open tasks, in the deployment's transaction ({@link TaskGroupInstanceAccess}, and again at every start). A
 * node that has not seen that deployment yet still checks that the grant on the key exists before it leaves a row out.
 */
final class DefinitionTaskGrants {

    /** On the key: what the engine's row gives a candidate group on its task (READ, TASK_WORK) plus TASK_ASSIGN. */
    static final Permission[] ON_DEFINITION = {ProcessDefinitionPermissions.READ_TASK,
            ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN};
    /** A task's own row for a candidate group, as the engine writes it (default TASK_WORK) plus TASK_ASSIGN. */
    static final Permission[] ON_TASK = {Permissions.READ, TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN};

    /** Stands for a user task whose candidate groups are an expression or missing: such a key keeps its rows. */
    static final String NOT_ONE_NAMED_GROUP = "";

    private record Decision(int latestVersion, String group) {
    }

    /** Per key, the decision over the versions seen so far on this node. */
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();

    /**
     * Whether a candidate link of {@code groupId} to a task of definition {@code definitionId} needs no row: the key's
     * tasks all go to that group, and the group holds the grant on the key. Runs inside the engine's command.
     */
    boolean coveredByDefinitionGrant(String definitionId, String groupId) {
        CommandContext context = Context.getCommandContext();
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(definitionId);
        Decision decision = decisions.get(definition.getKey());
        if (decision == null || decision.latestVersion() < definition.getVersion()) {
            decision = withoutAuthorization(context, () -> {
                List<ProcessDefinition> versions = context.getProcessDefinitionManager()
                        .findProcessDefinitionsByKey(definition.getKey());
                int latest = versions.stream().mapToInt(ProcessDefinition::getVersion).max().orElse(0);
                return new Decision(Math.max(latest, definition.getVersion()),
                        singleGroup(groupsOfVersions(versions, null)));
            });
            decisions.put(definition.getKey(), decision);
        }
        if (!groupId.equals(decision.group())) {
            return false;
        }
        AuthorizationEntity onKey = context.getAuthorizationManager().findAuthorizationByGroupIdAndResourceId(
                AUTH_TYPE_GRANT, groupId, Resources.PROCESS_DEFINITION, definition.getKey());
        return onKey != null && onKey.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK);
    }

    /** A new version of a key is being deployed: decide again with it, and reconcile the grants on the key. */
    AuthorizationEntity[] deploying(ProcessDefinitionEntity definition) {
        CommandContext context = Context.getCommandContext();
        return withoutAuthorization(context, () -> {
            List<ProcessDefinition> versions =
                    context.getProcessDefinitionManager().findProcessDefinitionsByKey(definition.getKey());
            String group = singleGroup(groupsOfVersions(versions, definition));
            decisions.put(definition.getKey(), new Decision(definition.getVersion(), group));
            List<AuthorizationEntity> changed = reconcile(context, definition.getKey(), group);
            return changed.isEmpty() ? null : changed.toArray(AuthorizationEntity[]::new);
        });
    }

    /**
     * Per deployed key, the candidate groups of the user tasks of all its versions ({@link #NOT_ONE_NAMED_GROUP} for a
     * task whose groups are an expression or missing). Keys without user tasks are left out.
     */
    static Map<String, Set<String>> groupsByKey(CommandContext context) {
        return withoutAuthorization(context, () -> {
            Map<String, List<ProcessDefinition>> byKey = new TreeMap<>();
            for (ProcessDefinition definition : context.getProcessDefinitionManager()
                    .findProcessDefinitionsByQueryCriteria(new org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl(),
                            null)) {
                byKey.computeIfAbsent(definition.getKey(), key -> new ArrayList<>()).add(definition);
            }
            Map<String, Set<String>> groups = new TreeMap<>();
            byKey.forEach((key, versions) -> {
                Set<String> of = groupsOfVersions(versions, null);
                if (!of.isEmpty()) {
                    groups.put(key, of);
                }
            });
            return groups;
        });
    }

    /** The one group, or null when there are several, an expression, a task without group, or no user task. */
    static String singleGroup(Set<String> groups) {
        return groups.size() == 1 && !groups.contains(NOT_ONE_NAMED_GROUP) ? groups.iterator().next() : null;
    }

    /**
     * Takes {@link #ON_DEFINITION} on the key back from every group but {@code group} (null: from all), and writes the
     * rows of those groups' open tasks of the key that have none, so that no task becomes invisible. The returned
     * authorizations are to be saved (new ones have no id).
     */
    static List<AuthorizationEntity> reconcile(CommandContext context, String key, String group) {
        return withoutAuthorization(context, () -> {
            List<AuthorizationEntity> changed = new ArrayList<>();
            AuthorizationQueryImpl onKey = new AuthorizationQueryImpl();
            onKey.resourceType(Resources.PROCESS_DEFINITION).resourceId(key);
            for (org.camunda.bpm.engine.authorization.Authorization found :
                    context.getAuthorizationManager().selectAuthorizationByQueryCriteria(onKey)) {
                AuthorizationEntity authorization = (AuthorizationEntity) found;
                if (authorization.getGroupId() == null || authorization.getGroupId().equals(group)
                        || authorization.getAuthorizationType() != AUTH_TYPE_GRANT
                        || !authorization.isPermissionGranted(ProcessDefinitionPermissions.READ_TASK)) {
                    continue;
                }
                for (Permission permission : ON_DEFINITION) {
                    authorization.removePermission(permission);
                }
                changed.add(authorization);
                TaskQueryImpl open = new TaskQueryImpl();
                open.processDefinitionKey(key).taskCandidateGroup(authorization.getGroupId()).includeAssignedTasks();
                for (Task task : context.getTaskManager().findTasksByQueryCriteria(open)) {
                    if (context.getAuthorizationManager().findAuthorizationByGroupIdAndResourceId(AUTH_TYPE_GRANT,
                            authorization.getGroupId(), Resources.TASK, task.getId()) == null) {
                        AuthorizationEntity row = new AuthorizationEntity(AUTH_TYPE_GRANT);
                        row.setGroupId(authorization.getGroupId());
                        row.setResource(Resources.TASK);
                        row.setResourceId(task.getId());
                        for (Permission permission : ON_TASK) {
                            row.addPermission(permission);
                        }
                        changed.add(row);
                    }
                }
            }
            return changed;
        });
    }

    /** Saves what {@link #reconcile} returned, outside the deployment (at start). */
    static void save(CommandContext context, List<AuthorizationEntity> changed) {
        for (AuthorizationEntity authorization : changed) {
            if (authorization.getId() == null) {
                context.getAuthorizationManager().insert(authorization);
            } else {
                context.getAuthorizationManager().update(authorization);
            }
        }
    }

    private static Set<String> groupsOfVersions(List<ProcessDefinition> versions, ProcessDefinitionEntity deploying) {
        Set<String> groups = new TreeSet<>();
        for (ProcessDefinition version : versions) {
            if (deploying == null || !version.getId().equals(deploying.getId())) {
                groups.addAll(groupsOf(Context.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedProcessDefinitionById(version.getId())));
            }
        }
        if (deploying != null) {
            groups.addAll(groupsOf(deploying));
        }
        return groups;
    }

    /** The candidate groups of the definition's user tasks (all of them, nested ones included). */
    private static Set<String> groupsOf(ProcessDefinitionEntity definition) {
        Set<String> groups = new TreeSet<>();
        for (TaskDefinition task : definition.getTaskDefinitions().values()) {
            Set<Expression> candidates = task.getCandidateGroupIdExpressions();
            if (candidates.isEmpty()) {
                groups.add(NOT_ONE_NAMED_GROUP);
            }
            for (Expression candidate : candidates) {
                String text = candidate.getExpressionText().trim();
                groups.add(text.contains("{") ? NOT_ONE_NAMED_GROUP : text);
            }
        }
        return groups;
    }

    private static <T> T withoutAuthorization(CommandContext context, Supplier<T> work) {
        boolean checking = context.isAuthorizationCheckEnabled();
        context.disableAuthorizationCheck();
        try {
            return work.get();
        } finally {
            if (checking) {
                context.enableAuthorizationCheck();
            }
        }
    }
}
