package org.rightsflow.process.listener;

import static org.rightsflow.process.model.ProactiveDeletionModel.FIELD_DECISION;
import static org.rightsflow.process.model.ProactiveDeletionModel.FIELD_EXPLANATION;
import static org.rightsflow.process.model.ProactiveDeletionModel.FIELD_ROWS_ERASED_BY_HAND;
import static org.rightsflow.process.model.ProactiveDeletionModel.REFERENCE;
import static org.rightsflow.process.model.ProactiveDeletionModel.SWEEP_STEP;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionService;
import org.springframework.stereotype.Component;

/**
 * Completing Task_SweepByHand: what the data operator did is recorded in the run's checkpoint and the audit trail,
 * in the completion's transaction (a form that breaks a rule keeps the task open). The form's fields are local to
 * the task and vanish with it.
 */
@Component(ProactiveDeletionModel.BEAN_SWEPT_BY_HAND_LISTENER)
public class SweptByHandListener implements TaskListener {

    private final ProactiveDeletionService sweep;

    public SweptByHandListener(ProactiveDeletionService sweep) {
        this.sweep = sweep;
    }

    @Override
    public void notify(DelegateTask task) {
        sweep.recordSweptByHand((String) task.getVariable(REFERENCE), (String) task.getVariable(SWEEP_STEP),
                ProcessVariables.string(task, FIELD_DECISION), ProcessVariables.wholeNumber(task, FIELD_ROWS_ERASED_BY_HAND),
                ProcessVariables.string(task, FIELD_EXPLANATION), TaskListeners.currentUser(task));
    }
}
