package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.AccountCancellationModel;
import org.springframework.stereotype.Component;

/** Task_NotifyBlockers: the requester is told what to settle; the request waits on them. */
@Component(AccountCancellationModel.BEAN_NOTIFY_BLOCKERS)
public class NotifyBlockersDelegate implements JavaDelegate {

    private final AccountCancellationFulfilment cancellation;

    public NotifyBlockersDelegate(AccountCancellationFulfilment cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cancellation.notifyBlockers(requestId(execution));
    }
}
