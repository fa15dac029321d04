package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.WorkerSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/**
 * Task_HandStepToOperator: the worker's time limit passed; the step is a data operator's now (audited), with the
 * worker's handle and staged rows withdrawn and instructions that say why.
 */
@Component(SystemStepModel.BEAN_HAND_STEP_TO_OPERATOR)
public class HandStepToOperatorDelegate implements JavaDelegate {

    private final WorkerSteps workers;

    public HandStepToOperatorDelegate(WorkerSteps workers) {
        this.workers = workers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the instructions were written when the step was prepared for the worker: now they say why it is a person's
        execution.setVariable(SystemStepModel.STEP_INSTRUCTIONS,
                workers.handOver((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID)));
    }
}
