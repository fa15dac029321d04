package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.review.TriageFacts;
import org.rightsflow.review.TriageFactsService;
import org.springframework.stereotype.Component;

/** Task_GatherTriageFacts: the flags and the repeat count the triage DMN reads. */
@Component(RightsRequestModel.BEAN_GATHER_TRIAGE_FACTS)
public class GatherTriageFactsDelegate implements JavaDelegate {

    private final TriageFactsService triage;

    public GatherTriageFactsDelegate(TriageFactsService triage) {
        this.triage = triage;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TriageFacts facts = triage.factsFor(requestId(execution));
        execution.setVariable(VariableNames.REPEAT_COUNT, facts.repeatCount());
        execution.setVariable(VariableNames.EARLIER_REFERENCES, String.join(", ", facts.earlierReferences()));
        execution.setVariable(VariableNames.LEGAL_HOLD, facts.legalHold());
        execution.setVariable(VariableNames.OPEN_INVESTIGATION, facts.openInvestigation());
        execution.setVariable(VariableNames.MINOR_ACCOUNT, facts.minorAccount());
        execution.setVariable(VariableNames.SENSITIVE_CATEGORIES, facts.sensitiveCategories());
        execution.setVariable(VariableNames.DELETION_GROUND_MISSING, facts.deletionGroundMissing());
        execution.setVariable(VariableNames.REFERRED_TO_REVIEW, facts.referredToReview());
        execution.setVariable(VariableNames.ENTERED_BY_STAFF, facts.enteredByStaff());
    }
}
