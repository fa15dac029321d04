package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.WorkerSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/**
 * Task_HandStepToOperator: the worker's time limit passed; the step is a data operator's now (audited), with the
 * worker's handle and staged rows withdrawn, instructions that say why, and the request's due date, right and id
 * for the task ({@link ByHandStep}).
 */
@Component(SystemStepModel.BEAN_HAND_STEP_TO_OPERATOR)
public class HandStepToOperatorDelegate implements JavaDelegate {

    private final WorkerSteps workers;

    public HandStepToOperatorDelegate(WorkerSteps workers) {
        this.workers = workers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // now the step is a person's task: its instructions (which say why) and what the task's readers want
        ByHandStep.prepare(execution, workers.handOver((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID)));
    }
}
