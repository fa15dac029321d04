package org.rightsflow.process.delegate;

import static org.rightsflow.process.model.ProactiveDeletionModel.BY_HAND_STEPS;
import static org.rightsflow.process.model.ProactiveDeletionModel.DUE_DATE;
import static org.rightsflow.process.model.ProactiveDeletionModel.IN_PROCESS_STEPS;
import static org.rightsflow.process.model.ProactiveDeletionModel.REFERENCE;
import static org.rightsflow.process.model.ProactiveDeletionModel.RETENTION_CUTOFF;

import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ProactiveDeletionService;
import org.rightsflow.retention.SweepPlan;
import org.springframework.stereotype.Component;

/** Task_PlanSweep: records the run and its steps; the run's reference becomes the business key. */
@Component(ProactiveDeletionModel.BEAN_PLAN)
public class PlanSweepDelegate implements JavaDelegate {

    private final ProactiveDeletionService sweep;

    public PlanSweepDelegate(ProactiveDeletionService sweep) {
        this.sweep = sweep;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SweepPlan plan = sweep.plan();
        execution.setProcessBusinessKey(plan.reference());
        execution.setVariable(REFERENCE, plan.reference());
        execution.setVariable(RETENTION_CUTOFF, Date.from(plan.cutoff()));
        execution.setVariable(IN_PROCESS_STEPS, new ArrayList<>(plan.inProcessSteps()));
        execution.setVariable(BY_HAND_STEPS, new ArrayList<>(plan.byHandSteps()));
        execution.setVariable(DUE_DATE, Date.from(plan.byHandDue()));
    }
}
