package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_StartFulfilment: status IN_PROGRESS; withdrawal no longer possible. */
@Component("startFulfilment")
public class StartFulfilmentDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public StartFulfilmentDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.startFulfilment(requestId(execution));
    }
}
