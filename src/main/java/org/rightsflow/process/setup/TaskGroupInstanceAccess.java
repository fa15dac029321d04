package org.rightsflow.process.setup;

import java.util.Arrays;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.rightsflow.process.model.StaffGroups;
import org.springframework.stereotype.Component;

/**
 * Intake staff and legal reviewers read only the requests that hold (or held) one of their tasks: when a task is
 * offered to one of these groups, the group gets READ on that task's process instance (Tasklist reads the filter's
 * Reference/Type/Due columns and the form's facts through it). Nothing on the process definition, so the triage facts
 * (legal hold, investigation) and decisions of every other request stay out of their reach. The grant ends with the
 * instance (the engine deletes an instance's authorizations with it). Privacy officers, who may send any request to
 * review, read the definition's instances as before ({@link TasklistSetup}).
 *
 * <p>Also: candidate groups get {@code TASK_WORK} and {@code TASK_ASSIGN} on their tasks instead of {@code UPDATE}
 * ({@code default-user-permission-name-for-task} in application.yaml): they claim, unclaim, assign and complete, and a
 * task's variables change only through its form's submission, never by setting variables on the task.
 *
 * <p>And: no authorization row per task for a group that holds the same rights once on the task's process definition,
 * because every task of that definition (in every version) goes to that group alone ({@link DefinitionTaskGrants}):
 * those rows made every Tasklist query probe the authorization table once per open task (BENCHMARKS.md, figure 5).
 * The four-eyes rule of refusals does not rest on these rows: the approval's listener compares the approver with the
 * proposer stored in the application's tables.
 */
@Component
public class TaskGroupInstanceAccess extends AbstractCamundaConfiguration {

    /** The groups that read the instances of their own tasks only. */
    static final Set<String> PER_INSTANCE = Set.of(StaffGroups.INTAKE, StaffGroups.LEGAL_REVIEWERS);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    static final class Provider extends DefaultAuthorizationProvider {

        private final DefinitionTaskGrants definitionGrants = new DefinitionTaskGrants();

        @Override
        public AuthorizationEntity[] newProcessDefinition(ProcessDefinition processDefinition) {
            // a new version may give the key's tasks to several groups: the grant on the key goes, the rows come
            return definitionGrants.deploying((ProcessDefinitionEntity) processDefinition);
        }

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            AuthorizationEntity[] defaults = IdentityLinkType.CANDIDATE.equals(type) && task.getProcessDefinitionId() != null
                    && definitionGrants.coveredByDefinitionGrant(task.getProcessDefinitionId(), groupId)
                    ? null : super.newTaskGroupIdentityLink(task, groupId, type);
            for (AuthorizationEntity authorization : defaults == null ? new AuthorizationEntity[0] : defaults) {
                if (authorization.getResourceType() == Resources.TASK.resourceType()) {
                    authorization.addPermission(TaskPermissions.TASK_ASSIGN); // unclaim and hand over, but not UPDATE
                }
            }
            if (!PER_INSTANCE.contains(groupId) || task.getProcessInstanceId() == null) {
                return defaults;
            }
            AuthorizationEntity instance =
                    getGrantAuthorizationByGroupId(groupId, Resources.PROCESS_INSTANCE, task.getProcessInstanceId());
            if (instance == null) {
                instance = createGrantAuthorization(null, groupId, Resources.PROCESS_INSTANCE, task.getProcessInstanceId(),
                        Permissions.READ);
            } else {
                addPermissions(instance, Permissions.READ);
            }
            AuthorizationEntity[] all = Arrays.copyOf(defaults == null ? new AuthorizationEntity[0] : defaults,
                    (defaults == null ? 0 : defaults.length) + 1);
            all[all.length - 1] = instance;
            return all;
        }
    }
}
