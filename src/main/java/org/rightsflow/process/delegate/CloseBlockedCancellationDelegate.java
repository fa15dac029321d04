package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.process.model.AccountCancellationModel;
import org.rightsflow.process.model.VariableNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CloseBlocked: still blocked at the deadline, and a legal reviewer approved the officer's refusal: the request is
 * refused on the grounds and with the explanation of that proposal (already in resultGrounds and resultExplanation).
 */
@Component(AccountCancellationModel.BEAN_CLOSE_BLOCKED)
public class CloseBlockedCancellationDelegate implements JavaDelegate {

    private final AccountCancellationFulfilment cancellation;

    public CloseBlockedCancellationDelegate(AccountCancellationFulfilment cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cancellation.closeBlocked(requestId(execution));
        execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED);
    }
}
