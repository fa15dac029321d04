package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/** Task_CheckWorkerResult: a worker that completed its task without reporting what it did fails here, loudly. */
@Component(SystemStepModel.BEAN_CHECK_WORKER_RESULT)
public class CheckWorkerResultDelegate implements JavaDelegate {

    private final SystemSteps steps;

    public CheckWorkerResultDelegate(SystemSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.requireDone((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID));
    }
}
