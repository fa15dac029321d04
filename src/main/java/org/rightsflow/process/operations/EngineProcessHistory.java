package org.rightsflow.process.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.rightsflow.operations.timeline.ProcessHistory;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * The engine's history of a request through its public query API: the process instances with the reference as
 * business key, their user tasks with the user operation log (who claimed, assigned, completed), the decision fields
 * written at each completion, the activities in the order they ran, and the deployed BPMN and DMN resources.
 */
@Component
public class EngineProcessHistory implements ProcessHistory {

    /** The fields every decision form writes (the shared names of the forms, see {@link VariableNames}). */
    private static final Set<String> FORM_FIELDS = VariableNames.DECISION_FORM_FIELDS;

    /** What staff do to a task that the timeline shows (one log row per changed property: shown once). */
    private static final Set<String> TASK_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_CLAIM,
            UserOperationLogEntry.OPERATION_TYPE_ASSIGN, UserOperationLogEntry.OPERATION_TYPE_DELEGATE,
            UserOperationLogEntry.OPERATION_TYPE_RESOLVE, UserOperationLogEntry.OPERATION_TYPE_COMPLETE);

    private final HistoryService history;
    private final RepositoryService repository;

    public EngineProcessHistory(HistoryService history, RepositoryService repository) {
        this.history = history;
        this.repository = repository;
    }

    private List<HistoricProcessInstance> historicInstances(String reference) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .orderByProcessInstanceStartTime().asc().list();
    }

    @Override
    public List<Instance> instances(String reference) {
        return historicInstances(reference).stream().map(i -> new Instance(i.getId(), i.getProcessDefinitionKey(),
                i.getProcessDefinitionVersion() == null ? 0 : i.getProcessDefinitionVersion(), instant(i.getStartTime()),
                instant(i.getEndTime()), i.getState())).toList();
    }

    @Override
    public List<Task> tasks(String reference) {
        List<Task> tasks = new ArrayList<>();
        for (HistoricProcessInstance instance : historicInstances(reference)) {
            List<HistoricTaskInstance> historic = history.createHistoricTaskInstanceQuery()
                    .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc().list();
            if (historic.isEmpty()) {
                continue;
            }
            Map<String, List<UserAction>> actions = new HashMap<>();
            for (UserOperationLogEntry entry : history.createUserOperationLogQuery()
                    .processInstanceId(instance.getId()).entityType("Task").orderByTimestamp().asc().list()) {
                if (entry.getTaskId() == null || !TASK_OPERATIONS.contains(entry.getOperationType())) {
                    continue;
                }
                List<UserAction> list = actions.computeIfAbsent(entry.getTaskId(), id -> new ArrayList<>());
                UserAction action = new UserAction(entry.getOperationType(), entry.getUserId(), instant(entry.getTimestamp()));
                if (!list.contains(action)) {
                    list.add(action);
                }
            }
            Map<String, Map<String, String>> forms = formValues(instance.getId());
            for (HistoricTaskInstance task : historic) {
                tasks.add(new Task(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                        task.getProcessDefinitionKey(), instant(task.getStartTime()), instant(task.getEndTime()),
                        task.getAssignee(), task.getDeleteReason(), List.copyOf(actions.getOrDefault(task.getId(), List.of())),
                        forms.getOrDefault(task.getActivityInstanceId(), Map.of())));
            }
        }
        tasks.sort(Comparator.comparing(Task::created));
        return tasks;
    }

    /** Per activity instance, the last value each decision field was set to there (the completion's form values). */
    private Map<String, Map<String, String>> formValues(String processInstanceId) {
        Map<String, Map<String, String>> values = new HashMap<>();
        for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(processInstanceId)
                .variableUpdates().disableBinaryFetching().orderPartiallyByOccurrence().asc().list()) {
            if (!(detail instanceof HistoricVariableUpdate update) || !FORM_FIELDS.contains(update.getVariableName())
                    || update.getValue() == null || update.getActivityInstanceId() == null) {
                continue;
            }
            values.computeIfAbsent(update.getActivityInstanceId(), id -> new LinkedHashMap<>())
                    .put(update.getVariableName(), String.valueOf(update.getValue()));
        }
        return values;
    }

    @Override
    public List<Step> path(String reference) {
        List<Step> steps = new ArrayList<>();
        for (HistoricProcessInstance instance : historicInstances(reference)) {
            int version = instance.getProcessDefinitionVersion() == null ? 0 : instance.getProcessDefinitionVersion();
            for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().list()) {
                steps.add(new Step(instance.getProcessDefinitionKey(), version, activity.getActivityId(),
                        activity.getActivityName(), activity.getActivityType(), instant(activity.getStartTime()),
                        instant(activity.getEndTime()), activity.isCanceled()));
            }
        }
        steps.sort(Comparator.comparing(Step::started));
        return steps;
    }

    @Override
    public List<Model> models(String reference) {
        List<Model> models = new ArrayList<>();
        Set<String> processDefinitions = new LinkedHashSet<>();
        List<String> instanceIds = new ArrayList<>();
        for (HistoricProcessInstance instance : historicInstances(reference)) {
            processDefinitions.add(instance.getProcessDefinitionId());
            instanceIds.add(instance.getId());
        }
        for (String id : processDefinitions) {
            ProcessDefinition definition = repository.getProcessDefinition(id);
            models.add(new Model("BPMN", definition.getKey(), definition.getVersion(), definition.getDeploymentId(),
                    definition.getResourceName(), resource(definition.getDeploymentId(), definition.getResourceName())));
        }
        if (!instanceIds.isEmpty()) {
            Set<String> decisionDefinitions = new LinkedHashSet<>();
            for (String instanceId : instanceIds) {
                for (HistoricDecisionInstance decision : history.createHistoricDecisionInstanceQuery()
                        .processInstanceId(instanceId).list()) {
                    decisionDefinitions.add(decision.getDecisionDefinitionId());
                }
            }
            for (String id : decisionDefinitions) {
                DecisionDefinition definition = repository.getDecisionDefinition(id);
                models.add(new Model("DMN", definition.getKey(), definition.getVersion(), definition.getDeploymentId(),
                        definition.getResourceName(), resource(definition.getDeploymentId(), definition.getResourceName())));
            }
        }
        return models;
    }

    private byte[] resource(String deploymentId, String name) {
        try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
