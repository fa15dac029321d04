package org.rightsflow.process.listener;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.fulfilment.explanation.ExplanationFulfilment;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.ExplanationFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * Task_AnswerQuestion. On create: the draft answer in the form's {@code explanation} field and the requester's topics
 * as codes (task-local). Neither holds the requester's question or a value of the account's data. On complete: PROCEED records the edited
 * answer in the application's table (it is sent by the next step); REFUSE is a refusal proposal of the signed-in
 * officer, which a second person approves before the requester is told anything.
 */
@Component(ExplanationFulfilmentModel.BEAN_EXPLANATION_ANSWER_LISTENER)
public class ExplanationAnswerListener implements TaskListener {

    static final Set<String> DECISIONS = Set.of(VariableNames.PROCEED, VariableNames.REFUSE);

    private final ExplanationFulfilment explanations;
    private final RefusalProposals proposals;

    public ExplanationAnswerListener(ExplanationFulfilment explanations, RefusalProposals proposals) {
        this.explanations = explanations;
        this.proposals = proposals;
    }

    @Override
    public void notify(DelegateTask task) {
        String requestId = TaskListeners.requestId(task);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            // In the form's own field, where the submission writes it back: the task's execution, as for every form
            // field (a task-local copy would shadow what the officer submits through the task service).
            task.setVariable(VariableNames.EXPLANATION, explanations.draftAnswer(requestId));
            task.setVariableLocal(ExplanationFulfilmentModel.EXPLANATION_TOPICS,
                    String.join(",", explanations.topics(requestId)));
            return;
        }
        String decision = ProcessVariables.string(task, VariableNames.DECISION);
        String text = ProcessVariables.string(task, VariableNames.EXPLANATION);
        ReviewDecisions.requireOneOf("decision", decision, DECISIONS);
        String officer = TaskListeners.currentUser(task);
        if (VariableNames.PROCEED.equals(decision)) {
            explanations.recordAnswer(requestId, text, officer);
        } else {
            List<String> grounds = ProcessVariables.stringList(task, VariableNames.GROUNDS);
            proposals.propose(requestId, RefusalSubject.EXPLANATION, VariableNames.REFUSE, grounds, text, officer);
            task.setVariable(VariableNames.REVIEW_PROPOSER, officer);
            task.setVariable(VariableNames.REVIEW_DECISION, VariableNames.REFUSE);
            task.setVariable(VariableNames.RESULT_GROUNDS, String.join(",", grounds));
            task.setVariable(VariableNames.RESULT_EXPLANATION, text);
        }
        task.setVariable(ExplanationFulfilmentModel.ANSWER_DECISION, decision);
        task.removeVariableLocal(ExplanationFulfilmentModel.EXPLANATION_TOPICS);
        TaskListeners.clearFormFields(task);
    }
}
