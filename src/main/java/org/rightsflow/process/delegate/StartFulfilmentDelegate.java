package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
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
        // Gateway_FulfilmentStarted and CallActivity_Fulfil read both in this job. Once the fulfilment started nothing
        // reads them again, so then they are transient (no row, no history); a request sent to review or waiting keeps
        // fulfilmentStart, which the review shows (how the request came there)
        set(execution, VariableNames.FULFILMENT_START, start.name(), start == FulfilmentStart.STARTED);
        set(execution, VariableNames.FULFILMENT_PROCESS,
                routes.processFor((String) execution.getVariable(VariableNames.REQUEST_TYPE)), true);
    }

    /** Transient only when no stored variable of the name exists (the engine refuses to turn one into the other). */
    private static void set(DelegateExecution execution, String name, String value, boolean transientIfNew) {
        execution.setVariable(name, Variables.stringValue(value, transientIfNew && !execution.hasVariable(name)));
    }
}
