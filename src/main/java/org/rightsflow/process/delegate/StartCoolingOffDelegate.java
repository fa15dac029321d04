package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.Date;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.process.model.AccountCancellationModel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_StartCoolingOff: the cooling-off period starts; the requester is told until when they can revoke. */
@Component(AccountCancellationModel.BEAN_START_COOLING_OFF)
public class StartCoolingOffDelegate implements JavaDelegate {

    private final AccountCancellationFulfilment cancellation;

    public StartCoolingOffDelegate(AccountCancellationFulfilment cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(AccountCancellationModel.COOLING_OFF_ENDS,
                Date.from(cancellation.startCoolingOff(requestId(execution))));
    }
}
