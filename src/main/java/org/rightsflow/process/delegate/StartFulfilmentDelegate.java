package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.FulfilmentRoutes;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.request.FulfilmentStart;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/**
 * Task_StartFulfilment: status IN_PROGRESS (withdrawal, pause and referral no longer possible) and the process that
 * fulfils the right; or, when a privacy officer sent the request to review since its triage or its clock is paused,
 * {@code fulfilmentStart} says so and Gateway_FulfilmentStarted routes it there.
 */
@Component(RightsRequestModel.BEAN_START_FULFILMENT)
public class StartFulfilmentDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;
    private final FulfilmentRoutes routes;

    public StartFulfilmentDelegate(RequestLifecycle lifecycle, FulfilmentRoutes routes) {
        this.lifecycle = lifecycle;
        this.routes = routes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FulfilmentStart start = lifecycle.startFulfilment(requestId(execution));
        execution.setVariable(VariableNames.FULFILMENT_START, start.name());
        execution.setVariable(VariableNames.FULFILMENT_PROCESS,
                routes.processFor((String) execution.getVariable(VariableNames.REQUEST_TYPE)));
    }
}
