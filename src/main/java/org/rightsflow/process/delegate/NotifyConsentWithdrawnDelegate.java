package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.consent.ConsentWithdrawalFulfilment;
import org.rightsflow.process.model.ConsentWithdrawalModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_NotifyConsentWithdrawn: every system recorded the withdrawal; the requester is told which services stop. */
@Component(ConsentWithdrawalModel.BEAN_NOTIFY_CONSENT_WITHDRAWN)
public class NotifyConsentWithdrawnDelegate implements JavaDelegate {

    private final ConsentWithdrawalFulfilment consents;

    public NotifyConsentWithdrawnDelegate(ConsentWithdrawalFulfilment consents) {
        this.consents = consents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VariableNames.OUTCOME, consents.notifyWithdrawn(requestId(execution)));
    }
}
