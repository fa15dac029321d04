package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.erasure.ErasurePlan;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.process.model.DeletionFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_PlanErasure: what happens per category. When an approved partial refusal kept everything the DELETE asked for,
 * the outcome is REFUSED; the grounds and explanation are the review's, passed in, and the kept categories are
 * restricted when the review kept them on excessive technical means or impracticality.
 */
@Component(DeletionFulfilmentModel.BEAN_PLAN_ERASURE)
public class PlanErasureDelegate implements JavaDelegate {

    private final ErasureFulfilment erasure;

    public PlanErasureDelegate(ErasureFulfilment erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ErasurePlan plan = erasure.plan(requestId(execution));
        execution.setVariable(DeletionFulfilmentModel.ERASURE_REFUSED, plan.refused());
        if (plan.refused()) {
            execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_REFUSED);
            execution.setVariable(VariableNames.RESTRICT_KEPT_DATA, plan.keptRestricted());
        }
    }
}
