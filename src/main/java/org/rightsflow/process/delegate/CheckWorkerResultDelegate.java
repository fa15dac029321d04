package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.WorkerSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/**
 * Task_CheckWorkerResult: the worker completed its task; what it reported becomes the step's result and its uploads are
 * committed, together. A worker that completed its task without reporting fails here, loudly (retries, then an incident).
 */
@Component(SystemStepModel.BEAN_CHECK_WORKER_RESULT)
public class CheckWorkerResultDelegate implements JavaDelegate {

    private final WorkerSteps workers;

    public CheckWorkerResultDelegate(WorkerSteps workers) {
        this.workers = workers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        workers.completed((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID));
    }
}
