package org.rightsflow.process.listener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.fulfilment.systems.PersonSteps;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Component;

/**
 * Task_DoStepByHand, on complete: the data operator confirms the system's part is done and records what was done
 * (checked again on the server; the note is kept with the step, the form fields leave the engine).
 */
@Component(SystemStepModel.BEAN_SYSTEM_STEP_TASK_LISTENER)
public class SystemStepTaskListener implements TaskListener {

    private final PersonSteps steps;

    public SystemStepTaskListener(PersonSteps steps) {
        this.steps = steps;
    }

    @Override
    public void notify(DelegateTask task) {
        ReviewDecisions.requireOneOf(VariableNames.DECISION, ProcessVariables.string(task, VariableNames.DECISION),
                java.util.Set.of(SystemStepModel.DONE));
        String records = ProcessVariables.string(task, SystemStepModel.RECORDS);
        steps.record((String) task.getVariable(SystemStepModel.SYSTEM_STEP_ID), TaskListeners.currentUser(task),
                records == null || records.isBlank() ? null : Math.round(Double.parseDouble(records)),
                ProcessVariables.string(task, VariableNames.EXPLANATION));
        TaskListeners.clearFormFields(task);
        task.removeVariable(SystemStepModel.RECORDS);
    }
}
