package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.consent.ConsentWithdrawalFulfilment;
import org.rightsflow.process.model.ConsentWithdrawalModel;
import org.springframework.stereotype.Component;

/** Task_WithdrawConsents: the ledger entry per purpose of the request (once, even when retried); each system's consent register follows in its step. */
@Component(ConsentWithdrawalModel.BEAN_WITHDRAW_CONSENTS)
public class WithdrawConsentsDelegate implements JavaDelegate {

    private final ConsentWithdrawalFulfilment consents;

    public WithdrawConsentsDelegate(ConsentWithdrawalFulfilment consents) {
        this.consents = consents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consents.record(requestId(execution));
    }
}
