package org.rightsflow.process.listener;

import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.CorrectionFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewCorrection. On create: decisions of an earlier round that were sent back are undone, and the masked view
 * of the changes goes into task-local variables (masked values and change numbers only: the history of the engine
 * keeps what a variable ever held), with the changes the checks found cannot be applied pre-ticked for rejection (the
 * product's finding as a suggestion). On complete: the decision is checked on the server and recorded per change in
 * the application's tables; whatever it does not apply is stored as the officer's refusal proposal, for a second
 * person to approve in RefusalApprovalProcess, and the officer's choice to restrict the disputed categories meanwhile
 * is kept for the workflow; the view is removed.
 */
@Component(CorrectionFulfilmentModel.BEAN_CORRECTION_REVIEW_LISTENER)
public class CorrectionReviewListener implements TaskListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CorrectionFulfilment corrections;
    private final RefusalProposals proposals;

    public CorrectionReviewListener(CorrectionFulfilment corrections, RefusalProposals proposals) {
        this.corrections = corrections;
        this.proposals = proposals;
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
        String requestId = TaskListeners.requestId(task);
        corrections.reopenForReview(requestId);
        CorrectionFulfilment.ReviewView view = corrections.reviewView(requestId);
        task.setVariableLocal(CorrectionFulfilmentModel.CORRECTION_ROWS, json(view.rows()));
        task.setVariableLocal(CorrectionFulfilmentModel.CORRECTION_OPTIONS, json(view.options()));
        List<String> suggested = corrections.suggestedRejections(requestId);
        if (!suggested.isEmpty()) {
            // In the process's scope, where a completion writes the form's value: what the officer submits replaces
            // the suggestion (a task-local value would shadow it).
            task.setVariable(CorrectionFulfilmentModel.REJECTED_CHANGES, json(suggested));
        }
    }

    private void complete(DelegateTask task) {
        String requestId = TaskListeners.requestId(task);
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        List<String> rejected = ProcessVariables.stringList(task, CorrectionFulfilmentModel.REJECTED_CHANGES);
        List<String> grounds = ProcessVariables.stringList(task, VariableNames.GROUNDS);
        String explanation = ProcessVariables.string(task, VariableNames.EXPLANATION);
        String officer = TaskListeners.currentUser(task);
        CorrectionFulfilment.Decision decided = corrections.decide(requestId, decision,
                CorrectionFulfilmentModel.REJECT.equals(decision) ? List.of() : rejected, grounds, explanation, officer);
        task.setVariable(CorrectionFulfilmentModel.CORRECTION_DECISION, decision);
        task.setVariable(CorrectionFulfilmentModel.CORRECTION_REFUSAL, decided.refusesAnything());
        if (decided.refusesAnything()) {
            String proposal = decided.approved() == 0 ? VariableNames.REFUSE : VariableNames.PARTIAL;
            proposals.propose(requestId, RefusalSubject.CORRECTION, proposal, grounds, explanation, officer);
            task.setVariable(VariableNames.REVIEW_PROPOSER, officer);
            task.setVariable(VariableNames.REVIEW_DECISION, proposal);
            task.setVariable(CorrectionFulfilmentModel.CORRECTION_GROUNDS, String.join(",", grounds));
            task.setVariable(CorrectionFulfilmentModel.CORRECTION_EXPLANATION, explanation);
        }
        // The officer may restrict what they dispute while the proposal is reviewed; nothing to restrict otherwise.
        task.setVariable(CorrectionFulfilmentModel.RESTRICT_CONTESTED_DATA, decided.refusesAnything()
                && Boolean.TRUE.equals(task.getVariable(CorrectionFulfilmentModel.RESTRICT_WHILE_DISPUTED)));
        task.removeVariable(CorrectionFulfilmentModel.RESTRICT_WHILE_DISPUTED);
        task.removeVariable(CorrectionFulfilmentModel.REJECTED_CHANGES);
        task.removeVariableLocal(CorrectionFulfilmentModel.CORRECTION_ROWS);
        task.removeVariableLocal(CorrectionFulfilmentModel.CORRECTION_OPTIONS);
        TaskListeners.clearFormFields(task);
    }

    private static Object json(Object value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
