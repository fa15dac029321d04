package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
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
        List<String> stepIds = new ArrayList<>(planner.plan(
                execution.getProcessInstanceId(), requestId(execution),
                StepOperation.valueOf(ProcessVariables.string(execution, SystemStepsModel.SYSTEM_OPERATION)),
                ProcessVariables.string(execution, DeferredErasureModel.HOLD_ID)));
        // transient: the parallel loop reads the collection once, as it starts its instances in this job (each
        // instance keeps its own systemStepId); stored, the list was a serialized row, its history and their byte
        // arrays, read by no one
        execution.setVariable(SystemStepsModel.SYSTEM_STEPS, Variables.untypedValue(stepIds, true));
    }
}
