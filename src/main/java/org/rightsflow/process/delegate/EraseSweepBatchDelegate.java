package org.rightsflow.process.delegate;

import static org.rightsflow.process.model.ProactiveDeletionModel.REFERENCE;
import static org.rightsflow.process.model.ProactiveDeletionModel.STEP_BATCHES;
import static org.rightsflow.process.model.ProactiveDeletionModel.STEP_OUTCOME;
import static org.rightsflow.process.model.ProactiveDeletionModel.STEP_ROWS_ERASED;
import static org.rightsflow.process.model.ProactiveDeletionModel.SWEEP_STEP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.BatchOutcome;
import org.rightsflow.retention.ProactiveDeletionService;
import org.springframework.stereotype.Component;

/** Task_EraseBatch: one batch of the step, in this job's transaction; the outcome and progress stay with the step. */
@Component(ProactiveDeletionModel.BEAN_ERASE_BATCH)
public class EraseSweepBatchDelegate implements JavaDelegate {

    private final ProactiveDeletionService sweep;

    public EraseSweepBatchDelegate(ProactiveDeletionService sweep) {
        this.sweep = sweep;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BatchOutcome outcome = sweep.eraseBatch((String) execution.getVariable(REFERENCE),
                (String) execution.getVariable(SWEEP_STEP));
        execution.setVariableLocal(STEP_OUTCOME, outcome.next().name());
        execution.setVariableLocal(STEP_ROWS_ERASED, outcome.stepRowsErased());
        execution.setVariableLocal(STEP_BATCHES, outcome.stepBatches());
    }
}
