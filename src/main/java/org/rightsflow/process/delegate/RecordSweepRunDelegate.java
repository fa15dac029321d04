package org.rightsflow.process.delegate;

import static org.rightsflow.process.model.ProactiveDeletionModel.REFERENCE;
import static org.rightsflow.process.model.ProactiveDeletionModel.ROWS_ERASED;
import static org.rightsflow.process.model.ProactiveDeletionModel.STEPS_NOT_SWEPT;
import static org.rightsflow.process.model.ProactiveDeletionModel.STEPS_TAKEN_OVER;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionService;
import org.rightsflow.retention.SweepRunSummary;
import org.springframework.stereotype.Component;

/** Task_RecordRun: the run's audit entry; its figures stay on the instance for Cockpit and the history. */
@Component(ProactiveDeletionModel.BEAN_RECORD_RUN)
public class RecordSweepRunDelegate implements JavaDelegate {

    private final ProactiveDeletionService sweep;

    public RecordSweepRunDelegate(ProactiveDeletionService sweep) {
        this.sweep = sweep;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SweepRunSummary summary = sweep.finishRun((String) execution.getVariable(REFERENCE));
        execution.setVariable(ROWS_ERASED, summary.rowsErased());
        execution.setVariable(STEPS_NOT_SWEPT, summary.stepsNotSwept());
        execution.setVariable(STEPS_TAKEN_OVER, summary.stepsTakenOver());
    }
}
