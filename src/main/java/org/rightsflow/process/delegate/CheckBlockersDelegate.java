package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.Date;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.fulfilment.cancellation.CancellationSchedule;
import org.rightsflow.process.model.AccountCancellationModel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckBlockers: the cancellation's deadlines (computed once) and whether anything blocks it now. */
@Component(AccountCancellationModel.BEAN_CHECK_BLOCKERS)
public class CheckBlockersDelegate implements JavaDelegate {

    private final AccountCancellationFulfilment cancellation;

    public CheckBlockersDelegate(AccountCancellationFulfilment cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CancellationSchedule schedule = cancellation.schedule(requestId(execution));
        execution.setVariable(AccountCancellationModel.CANCELLATION_DEADLINE, Date.from(schedule.cancellationDeadline()));
        execution.setVariable(AccountCancellationModel.BLOCKERS_DEADLINE, Date.from(schedule.blockersDeadline()));
        execution.setVariable(AccountCancellationModel.BLOCKED, cancellation.checkBlockers(requestId(execution)).any());
    }
}
