package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.fulfilment.systems.SystemStepRouting;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.springframework.stereotype.Component;

/**
 * Task_PrepareSystemStep: which system and who does it; then only what that path reads: the worker's topic and time
 * limit, or a data operator's instructions and the request's due date, right and id ({@link ByHandStep}). A step done
 * by its connector (most steps) holds its two ids only: every variable is a row written, deleted and, but for
 * stepExecution, kept in the history.
 */
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
        // read by Gateway_WhoDoesTheStep alone, in this job: transient (no row); a retried job decides again
        execution.setVariable(SystemStepModel.STEP_EXECUTION,
                Variables.stringValue(routing.execution().name(), true));
        if (routing.execution() == SystemConnector.Execution.WORKER) {
            execution.setVariable(SystemStepModel.TOPIC, routing.topic());
            execution.setVariable(SystemStepModel.TIME_LIMIT, routing.timeLimit().toString());
        } else if (routing.execution() == SystemConnector.Execution.PERSON) {
            ByHandStep.prepare(execution, steps.instructions(routing.stepId()));
        }
    }
}
