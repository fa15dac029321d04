package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.InProcessSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/** Task_RunConnector: the system's part through its connector (a failure is retried, then an incident). */
@Component(SystemStepModel.BEAN_RUN_SYSTEM_STEP)
public class RunSystemStepDelegate implements JavaDelegate {

    private final InProcessSteps steps;

    public RunSystemStepDelegate(InProcessSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID));
    }
}
