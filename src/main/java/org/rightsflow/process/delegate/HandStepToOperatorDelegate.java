package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/** Task_HandStepToOperator: the worker's time limit passed; the step is a data operator's now (audited). */
@Component(SystemStepModel.BEAN_HAND_STEP_TO_OPERATOR)
public class HandStepToOperatorDelegate implements JavaDelegate {

    private final SystemSteps steps;

    public HandStepToOperatorDelegate(SystemSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.handOverToPerson((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID));
    }
}
