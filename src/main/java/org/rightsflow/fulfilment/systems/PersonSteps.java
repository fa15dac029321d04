package org.rightsflow.fulfilment.systems;

import java.util.List;
import java.util.Map;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.review.ReviewDecisions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A data operator did a system's part by hand (a {@code manual} system, a connector that cannot do the operation, or
 * a worker that did not finish in time) and records what was done; the record is kept with the step and audited.
 */
@Service
public class PersonSteps {

    private final SystemSteps steps;
    private final CorrectionFulfilment corrections;

    public PersonSteps(SystemSteps steps, CorrectionFulfilment corrections) {
        this.steps = steps;
        this.corrections = corrections;
    }

    /**
     * @param operator the data operator (the signed-in user)
     * @param records  how many records they handled, if they counted them
     * @param note     what was done (staff text, at least a sentence)
     */
    @Transactional
    public void record(String stepId, String operator, Long records, String note) {
        ReviewDecisions.requireExplanation(note);
        if (records != null && records < 0) {
            throw new org.rightsflow.review.InvalidDecisionException("records must not be negative");
        }
        SystemStep step = steps.step(stepId);
        List<Integer> changes = step.operation() == StepOperation.CORRECT
                ? corrections.recordAppliedInSystem(step.requestId(), step.systemId(), Map.of(), operator)
                : List.of();
        steps.recordDone(step, SystemStep.DONE_BY_PERSON, operator, new StepOutcome(List.of(), records, changes),
                note.strip());
    }
}
