package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.explanation.ExplanationFulfilment;
import org.rightsflow.process.model.ExplanationFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_SendExplanation: the officer's recorded answer to the contact on file (once, even when retried). */
@Component(ExplanationFulfilmentModel.BEAN_SEND_EXPLANATION)
public class SendExplanationDelegate implements JavaDelegate {

    private final ExplanationFulfilment explanations;

    public SendExplanationDelegate(ExplanationFulfilment explanations) {
        this.explanations = explanations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VariableNames.OUTCOME, explanations.sendAnswer(requestId(execution)));
    }
}
