package org.rightsflow.process.delegate;

import static org.rightsflow.process.model.ProactiveDeletionModel.REFERENCE;
import static org.rightsflow.process.model.ProactiveDeletionModel.SWEEP_STEP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionService;
import org.springframework.stereotype.Component;

/** Task_ReportNotSwept: no data operator swept the handed-over step in time; the run reports it. */
@Component(ProactiveDeletionModel.BEAN_REPORT_NOT_SWEPT)
public class ReportNotSweptDelegate implements JavaDelegate {

    private final ProactiveDeletionService sweep;

    public ReportNotSweptDelegate(ProactiveDeletionService sweep) {
        this.sweep = sweep;
    }

    @Override
    public void execute(DelegateExecution execution) {
        sweep.reportNotSwept((String) execution.getVariable(REFERENCE), (String) execution.getVariable(SWEEP_STEP));
    }
}
