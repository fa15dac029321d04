package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.AccountCancellationModel;
import org.springframework.stereotype.Component;

/** Task_DeactivateAccount: the account is deactivated, its sessions and credentials ended. */
@Component(AccountCancellationModel.BEAN_DEACTIVATE_ACCOUNT)
public class DeactivateAccountDelegate implements JavaDelegate {

    private final AccountCancellationFulfilment cancellation;

    public DeactivateAccountDelegate(AccountCancellationFulfilment cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cancellation.deactivate(requestId(execution));
    }
}
