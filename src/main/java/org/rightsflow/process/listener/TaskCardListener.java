package org.rightsflow.process.listener;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.rightsflow.operations.taskcard.TaskCards;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.TransferFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the request's card ({@link VariableNames#TASK_CARD}, a task-local variable) on every user task of a request as it
 * is created, for the decision forms to show; added to every user task by {@code process.setup.TaskCardPlugin}, so the
 * models need no listener of their own. Reads the triage rule that matched from the engine's decision history (the
 * root process ran it). A card that cannot be built never stops the task: it then shows the reference and its link.
 * A task whose process has no {@code reference} variable (the request's own process: its business key) gets the
 * business key as a task-local {@code reference}.
 */
@Component
public class TaskCardListener implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCardListener.class);
    private static final String TRIAGE_DECISION = "exemption-triage";

    private final TaskCards cards;

    public TaskCardListener(TaskCards cards) {
        this.cards = cards;
    }

    @Override
    public void notify(DelegateTask task) {
        String requestId = TaskListeners.requestId(task);
        if (requestId == null) {
            return;
        }
        if (task.getVariable(VariableNames.REFERENCE) == null && task.getExecution() != null
                && task.getExecution().getProcessBusinessKey() != null) {
            // A request's own process keeps its reference as business key only, not as a variable (a runtime row for
            // as long as the request waits: BENCHMARKS.md, figure 6); its tasks get it task-local, for Tasklist's
            // reference column and the forms' fallback link. Called processes have it as a variable already.
            task.setVariableLocal(VariableNames.REFERENCE, task.getExecution().getProcessBusinessKey());
        }
        try {
            cards.card(requestId, purpose(task.getTaskDefinitionKey()), triageRule(task))
                    .ifPresent(card -> task.setVariableLocal(VariableNames.TASK_CARD, card));
        } catch (RuntimeException e) {
            // The task matters more than its card: log (ids only) and show the link to the request's page.
            LOG.warn("The request card of task {} ({}) could not be built: {}", task.getId(),
                    task.getTaskDefinitionKey(), e.toString());
            Object reference = task.getVariable(VariableNames.REFERENCE);
            if (reference != null) {
                task.setVariableLocal(VariableNames.TASK_CARD, cards.fallback(reference.toString()));
            }
        }
    }

    private static TaskCards.Purpose purpose(String taskKey) {
        return switch (taskKey) {
            case RightsRequestModel.TASK_VERIFY_IDENTITY_MANUALLY -> TaskCards.Purpose.IDENTITY_CHECK;
            case CorrectionFulfilmentModel.TASK_REVIEW_CORRECTION -> TaskCards.Purpose.CORRECTION;
            case TransferFulfilmentModel.TASK_APPROVE_TRANSFER -> TaskCards.Purpose.TRANSFER;
            default -> TaskCards.Purpose.OTHER;
        };
    }

    /** The id of the triage rule that put the request to review (the latest evaluation), or null. */
    private static String triageRule(DelegateTask task) {
        DelegateExecution root = task.getExecution().getProcessInstance();
        while (root.getSuperExecution() != null) {
            root = root.getSuperExecution().getProcessInstance();
        }
        String rootId = root.getId();
        // Triage usually ran in this very transaction, whose history is not flushed yet: look there first.
        List<? extends HistoricDecisionInstance> evaluations = Context.getCommandContext().getDbEntityManager()
                .getCachedEntitiesByType(HistoricDecisionInstanceEntity.class).stream()
                .filter(d -> rootId.equals(d.getProcessInstanceId()) && TRIAGE_DECISION.equals(d.getDecisionDefinitionKey()))
                .toList();
        if (evaluations.isEmpty()) {
            evaluations = task.getProcessEngineServices().getHistoryService()
                    .createHistoricDecisionInstanceQuery().processInstanceId(rootId).decisionDefinitionKey(TRIAGE_DECISION)
                    .includeOutputs().orderByEvaluationTime().desc().listPage(0, 1);
        }
        if (evaluations.isEmpty()) {
            return null;
        }
        Map<String, Object> outputs = new HashMap<>();
        String ruleId = null;
        for (HistoricDecisionOutputInstance output : evaluations.get(evaluations.size() - 1).getOutputs()) {
            outputs.put(output.getVariableName(), output.getValue());
            ruleId = output.getRuleId();
        }
        return Boolean.TRUE.equals(outputs.get(VariableNames.REVIEW_NEEDED)) ? ruleId : null;
    }
}
