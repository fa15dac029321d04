package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.FulfilmentRoutes;
import org.rightsflow.process.model.Variables;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_StartFulfilment: status IN_PROGRESS (withdrawal no longer possible) and the process that fulfils the right. */
@Component("startFulfilment")
public class StartFulfilmentDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;
    private final FulfilmentRoutes routes;

    public StartFulfilmentDelegate(RequestLifecycle lifecycle, FulfilmentRoutes routes) {
        this.lifecycle = lifecycle;
        this.routes = routes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.startFulfilment(requestId(execution));
        execution.setVariable(Variables.FULFILMENT_PROCESS,
                routes.processFor((String) execution.getVariable(Variables.REQUEST_TYPE)));
    }
}
