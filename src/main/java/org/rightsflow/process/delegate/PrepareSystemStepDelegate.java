package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.SystemStepRouting;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/** Task_PrepareSystemStep: which system, who does it, the worker's topic and time limit, a data operator's instructions. */
@Component(SystemStepModel.BEAN_PREPARE_SYSTEM_STEP)
public class PrepareSystemStepDelegate implements JavaDelegate {

    private final SystemSteps steps;

    public PrepareSystemStepDelegate(SystemSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SystemStepRouting routing = steps.routing((String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID));
        execution.setVariable(SystemStepModel.SYSTEM_ID, routing.systemId());
        execution.setVariable(SystemStepModel.STEP_EXECUTION, routing.execution().name());
        execution.setVariable(SystemStepModel.TOPIC, routing.topic());
        execution.setVariable(SystemStepModel.TIME_LIMIT, routing.timeLimit().toString());
        execution.setVariable(SystemStepModel.STEP_INSTRUCTIONS, steps.instructions(routing.stepId()));
    }
}
