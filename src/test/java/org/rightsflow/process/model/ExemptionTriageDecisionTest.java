package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;
import org.rightsflow.process.setup.ParsedOnceFeelEngine;

/** One test per rule of exemption-triage (hit policy FIRST), plus the order between rules. */
@Deployment(resources = RightsRequestModel.DECISION_RESOURCE)
class ExemptionTriageDecisionTest extends ProcessModelTestSupport {

    private record Triage(boolean reviewNeeded, String suggestedGrounds, String ruleId) {
    }

    /** A clean account: no hold, no investigation, adult, no repeats, no sensitive data. */
    private Map<String, Object> facts(String requestType) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(VariableNames.REQUEST_TYPE, requestType);
        facts.put(VariableNames.LEGAL_HOLD, false);
        facts.put(VariableNames.OPEN_INVESTIGATION, false);
        facts.put(VariableNames.MINOR_ACCOUNT, false);
        facts.put(VariableNames.REPEAT_COUNT, 0);
        facts.put(VariableNames.SENSITIVE_CATEGORIES, false);
        facts.put(VariableNames.DELETION_GROUND_MISSING, false);
        facts.put(VariableNames.ENTERED_BY_STAFF, false);
        return facts;
    }

    private Triage triage(Map<String, Object> facts) {
        // one second apart, so that the latest evaluation in the history is this one
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 1000));
        DmnDecisionResult result = engine.getDecisionService()
                .evaluateDecisionByKey(RightsRequestModel.DECISION_EXEMPTION_TRIAGE)
                .variables(facts)
                .evaluate();
        assertThat(result).as("FIRST: exactly one result").hasSize(1);
        HistoricDecisionInstance evaluation = historyService.createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(RightsRequestModel.DECISION_EXEMPTION_TRIAGE)
                .includeOutputs()
                .orderByEvaluationTime().desc()
                .list().get(0);
        String ruleId = evaluation.getOutputs().get(0).getRuleId();
        return new Triage(result.getSingleResult().getEntry(VariableNames.REVIEW_NEEDED),
                result.getSingleResult().getEntry(VariableNames.SUGGESTED_GROUNDS), ruleId);
    }

    @Test
    void theTableIsEvaluatedByTheApplicationsFeelEngine() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngine().getProcessEngineConfiguration())
                .getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(ParsedOnceFeelEngine.class);
    }

    @Test
    void staffEnteredErasuresCancellationsCopiesAndTransfersAlwaysNeedReview() {
        for (String type : new String[] {VariableNames.TYPE_DELETE, VariableNames.TYPE_CANCEL_ACCOUNT, VariableNames.TYPE_COPY}) {
            Map<String, Object> facts = facts(type);
            facts.put(VariableNames.ENTERED_BY_STAFF, true);
            Triage triage = triage(facts);
            assertThat(triage.reviewNeeded()).as(type).isTrue();
            assertThat(triage.suggestedGrounds()).as(type + ": separation of duties suggests no refusal").isEmpty();
        }
        Map<String, Object> delete = facts(VariableNames.TYPE_DELETE);
        delete.put(VariableNames.ENTERED_BY_STAFF, true);
        assertThat(triage(delete).ruleId()).isEqualTo("Rule_StaffEnteredErasureOrExport");
        Map<String, Object> transfer = facts(VariableNames.TYPE_TRANSFER);
        transfer.put(VariableNames.ENTERED_BY_STAFF, true);
        assertThat(triage(transfer).reviewNeeded()).isTrue();
        // the same requests filed by the requester (and verified by code) go on without review
        assertThat(triage(facts(VariableNames.TYPE_DELETE))).isEqualTo(new Triage(false, "", "Rule_NoReview"));
        assertThat(triage(facts(VariableNames.TYPE_COPY))).isEqualTo(new Triage(false, "", "Rule_NoReview"));
        // a staff-entered access or consent withdrawal hands nothing out: no review because of who entered it
        Map<String, Object> access = facts(VariableNames.TYPE_ACCESS);
        access.put(VariableNames.ENTERED_BY_STAFF, true);
        assertThat(triage(access)).isEqualTo(new Triage(false, "", "Rule_NoReview"));
    }

    @Test
    void legalHoldNeedsReviewForLegalObligation() {
        Map<String, Object> facts = facts(VariableNames.TYPE_ACCESS);
        facts.put(VariableNames.LEGAL_HOLD, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "LEGAL_OBLIGATION", "Rule_LegalHold"));
    }

    @Test
    void openInvestigationNeedsReviewForCriminalProceedings() {
        Map<String, Object> facts = facts(VariableNames.TYPE_DELETE);
        facts.put(VariableNames.OPEN_INVESTIGATION, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "CRIMINAL_PROCEEDINGS", "Rule_OpenInvestigation"));
    }

    @Test
    void minorAccountNeedsReviewWithoutGround() {
        Map<String, Object> facts = facts(VariableNames.TYPE_ACCESS);
        facts.put(VariableNames.MINOR_ACCOUNT, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "", "Rule_MinorAccount"));
    }

    @Test
    void threeEarlierRequestsNeedReviewAsRepetitive() {
        Map<String, Object> facts = facts(VariableNames.TYPE_ACCESS);
        facts.put(VariableNames.REPEAT_COUNT, 3);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "REPETITIVE", "Rule_Repetitive"));
    }

    @Test
    void aDeletionWithoutAStatedGroundGoesToAnOfficerWithTheSuggestedGround() {
        Map<String, Object> facts = facts(VariableNames.TYPE_DELETE);
        facts.put(VariableNames.DELETION_GROUND_MISSING, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "DELETION_GROUND_MISSING", "Rule_DeletionGroundMissing"));
        facts.put(VariableNames.REPEAT_COUNT, 4);
        assertThat(triage(facts)).as("the missing ground is the stronger reason")
                .isEqualTo(new Triage(true, "DELETION_GROUND_MISSING", "Rule_DeletionGroundMissing"));
        facts.put(VariableNames.LEGAL_HOLD, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "LEGAL_OBLIGATION", "Rule_LegalHold"));
    }

    @Test
    void twoEarlierRequestsAreNotRepetitive() {
        Map<String, Object> facts = facts(VariableNames.TYPE_ACCESS);
        facts.put(VariableNames.REPEAT_COUNT, 2);
        assertThat(triage(facts)).isEqualTo(new Triage(false, "", "Rule_NoReview"));
    }

    @Test
    void copyOfSensitiveDataNeedsReview() {
        Map<String, Object> facts = facts(VariableNames.TYPE_COPY);
        facts.put(VariableNames.SENSITIVE_CATEGORIES, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "", "Rule_SensitiveCopyOrTransfer"));
    }

    @Test
    void accessToSensitiveDataNeedsNoReview() {
        Map<String, Object> facts = facts(VariableNames.TYPE_ACCESS);
        facts.put(VariableNames.SENSITIVE_CATEGORIES, true);
        assertThat(triage(facts)).isEqualTo(new Triage(false, "", "Rule_NoReview"));
    }

    @Test
    void transferOfSensitiveDataMatchesTheSensitiveRuleFirst() {
        Map<String, Object> facts = facts(VariableNames.TYPE_TRANSFER);
        facts.put(VariableNames.SENSITIVE_CATEGORIES, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "", "Rule_SensitiveCopyOrTransfer"));
    }

    @Test
    void transferNeedsReviewForTheThirdPartyRecipient() {
        assertThat(triage(facts(VariableNames.TYPE_TRANSFER))).isEqualTo(new Triage(true, "", "Rule_Transfer"));
    }

    @Test
    void accountCancellationNeedsReview() {
        assertThat(triage(facts(VariableNames.TYPE_CANCEL_ACCOUNT)))
                .isEqualTo(new Triage(true, "", "Rule_CancelAccount"));
    }

    @Test
    void otherwiseNoReview() {
        for (String type : new String[] {VariableNames.TYPE_ACCESS, VariableNames.TYPE_COPY, VariableNames.TYPE_CORRECT,
                VariableNames.TYPE_DELETE, VariableNames.TYPE_WITHDRAW_CONSENT}) {
            assertThat(triage(facts(type))).as(type).isEqualTo(new Triage(false, "", "Rule_NoReview"));
        }
    }

    @Test
    void strongerReasonsComeFirst() {
        Map<String, Object> facts = facts(VariableNames.TYPE_CANCEL_ACCOUNT);
        facts.put(VariableNames.LEGAL_HOLD, true);
        facts.put(VariableNames.OPEN_INVESTIGATION, true);
        facts.put(VariableNames.REPEAT_COUNT, 5);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "LEGAL_OBLIGATION", "Rule_LegalHold"));

        facts.put(VariableNames.LEGAL_HOLD, false);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "CRIMINAL_PROCEEDINGS", "Rule_OpenInvestigation"));

        facts.put(VariableNames.OPEN_INVESTIGATION, false);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "REPETITIVE", "Rule_Repetitive"));
    }
}
