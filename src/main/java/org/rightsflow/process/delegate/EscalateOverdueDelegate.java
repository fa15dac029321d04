package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_EscalateOverdue: the due date passed. */
@Component("escalateOverdue")
public class EscalateOverdueDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public EscalateOverdueDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.escalateOverdue(requestId(execution));
    }
}
