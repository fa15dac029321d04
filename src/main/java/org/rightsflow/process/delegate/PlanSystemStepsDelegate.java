package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.StepOperation;
import org.rightsflow.fulfilment.systems.SystemStepPlanner;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.DeferredErasureModel;
import org.rightsflow.process.model.SystemStepsModel;
import org.springframework.stereotype.Component;

/** Task_PlanSystemSteps: one step per system taking part; the step ids become the loop's collection. */
@Component(SystemStepsModel.BEAN_PLAN_SYSTEM_STEPS)
public class PlanSystemStepsDelegate implements JavaDelegate {

    private final SystemStepPlanner planner;

    public PlanSystemStepsDelegate(SystemStepPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // the planning instance is the plan's key: a retried job finds the steps it planned
        execution.setVariable(SystemStepsModel.SYSTEM_STEPS, new ArrayList<>(planner.plan(
                execution.getProcessInstanceId(), requestId(execution),
                StepOperation.valueOf(ProcessVariables.string(execution, SystemStepsModel.SYSTEM_OPERATION)),
                ProcessVariables.string(execution, DeferredErasureModel.HOLD_ID))));
    }
}
