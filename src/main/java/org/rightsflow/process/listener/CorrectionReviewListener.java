package org.rightsflow.process.listener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.rightsflow.fulfilment.correction.CorrectionService;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.rightsflow.process.model.Variables;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewCorrection. On create: the masked view of the changes as task-local variables (masked values and
 * change numbers only: the history of the engine keeps what a variable ever held). On complete: the decision is
 * checked on the server and recorded per change in the application's tables; the view is removed.
 */
@Component(CorrectionFulfilmentModel.BEAN_CORRECTION_REVIEW_LISTENER)
public class CorrectionReviewListener implements TaskListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CorrectionService corrections;

    public CorrectionReviewListener(CorrectionService corrections) {
        this.corrections = corrections;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            prepare(task);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            complete(task);
        }
    }

    private void prepare(DelegateTask task) {
        CorrectionService.ReviewView view = corrections.reviewView(TaskListeners.requestId(task));
        task.setVariableLocal(CorrectionFulfilmentModel.CORRECTION_SUMMARY, view.summary());
        try {
            task.setVariableLocal(CorrectionFulfilmentModel.CORRECTION_OPTIONS,
                    SpinValues.jsonValue(JSON.writeValueAsString(view.options())).create());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void complete(DelegateTask task) {
        String decision = ProcessVariables.string(task, Variables.DECISION);
        List<String> rejected = ProcessVariables.stringList(task, CorrectionFulfilmentModel.REJECTED_CHANGES);
        List<String> grounds = ProcessVariables.stringList(task, Variables.GROUNDS);
        String explanation = ProcessVariables.string(task, Variables.EXPLANATION);
        corrections.decide(TaskListeners.requestId(task), decision, CorrectionFulfilmentModel.REJECT.equals(decision)
                ? List.of() : rejected, grounds, explanation, TaskListeners.currentUser(task));
        task.setVariable(CorrectionFulfilmentModel.CORRECTION_DECISION, decision);
        if (CorrectionFulfilmentModel.REJECT.equals(decision) || !rejected.isEmpty()) {
            // What the requester is told about the rejected changes, next to what a partial review may have set.
            Set<String> all = new LinkedHashSet<>(ProcessVariables.stringList(task, Variables.RESULT_GROUNDS));
            all.addAll(grounds);
            task.setVariable(Variables.RESULT_GROUNDS, String.join(",", all));
            List<String> texts = new ArrayList<>();
            String earlier = ProcessVariables.string(task, Variables.RESULT_EXPLANATION);
            if (earlier != null && !earlier.isBlank()) {
                texts.add(earlier);
            }
            texts.add(explanation);
            task.setVariable(Variables.RESULT_EXPLANATION, String.join("\n", texts));
        }
        task.removeVariable(CorrectionFulfilmentModel.REJECTED_CHANGES);
        task.removeVariableLocal(CorrectionFulfilmentModel.CORRECTION_SUMMARY);
        task.removeVariableLocal(CorrectionFulfilmentModel.CORRECTION_OPTIONS);
        TaskListeners.clearFormFields(task);
    }
}
