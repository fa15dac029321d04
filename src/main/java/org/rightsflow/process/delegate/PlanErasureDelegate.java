package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.erasure.ErasurePlan;
import org.rightsflow.fulfilment.erasure.ErasureService;
import org.rightsflow.process.model.DeletionFulfilmentModel;
import org.rightsflow.process.model.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PlanErasure: what happens per category; a DELETE without a deletion ground is refused. */
@Component("planErasure")
public class PlanErasureDelegate implements JavaDelegate {

    private final ErasureService erasure;

    public PlanErasureDelegate(ErasureService erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ErasurePlan plan = erasure.plan(requestId(execution));
        execution.setVariable(DeletionFulfilmentModel.ERASURE_REFUSED, plan.refused());
        if (plan.refused()) {
            execution.setVariable(Variables.OUTCOME, Variables.OUTCOME_REFUSED);
            if (!plan.keptAfterReview()) {
                // otherwise the review's grounds and explanation, passed in, are the ones the requester is told
                execution.setVariable(Variables.RESULT_GROUNDS, plan.refusalGround());
                execution.setVariable(Variables.RESULT_EXPLANATION, plan.refusalExplanation());
            }
        }
    }
}
