package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

/** One test per rule of exemption-triage (hit policy FIRST), plus the order between rules. */
@Deployment(resources = RightsRequestModel.DECISION_RESOURCE)
class ExemptionTriageDecisionTest extends ProcessModelTestSupport {

    private record Triage(boolean reviewNeeded, String suggestedGrounds, String ruleId) {
    }

    /** A clean account: no hold, no investigation, adult, no repeats, no sensitive data. */
    private Map<String, Object> facts(String requestType) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(Variables.REQUEST_TYPE, requestType);
        facts.put(Variables.LEGAL_HOLD, false);
        facts.put(Variables.OPEN_INVESTIGATION, false);
        facts.put(Variables.MINOR_ACCOUNT, false);
        facts.put(Variables.REPEAT_COUNT, 0);
        facts.put(Variables.SENSITIVE_CATEGORIES, false);
        facts.put(Variables.DELETION_GROUND_MISSING, false);
        facts.put(Variables.ENTERED_BY_STAFF, false);
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
        return new Triage(result.getSingleResult().getEntry(Variables.REVIEW_NEEDED),
                result.getSingleResult().getEntry(Variables.SUGGESTED_GROUNDS), ruleId);
    }

    @Test
    void staffEnteredErasuresCancellationsCopiesAndTransfersAlwaysNeedReview() {
        for (String type : new String[] {Variables.TYPE_DELETE, Variables.TYPE_CANCEL_ACCOUNT, Variables.TYPE_COPY}) {
            Map<String, Object> facts = facts(type);
            facts.put(Variables.ENTERED_BY_STAFF, true);
            Triage triage = triage(facts);
            assertThat(triage.reviewNeeded()).as(type).isTrue();
            assertThat(triage.suggestedGrounds()).as(type + ": separation of duties suggests no refusal").isEmpty();
        }
        Map<String, Object> delete = facts(Variables.TYPE_DELETE);
        delete.put(Variables.ENTERED_BY_STAFF, true);
        assertThat(triage(delete).ruleId()).isEqualTo("Rule_StaffEnteredErasureOrExport");
        Map<String, Object> transfer = facts(Variables.TYPE_TRANSFER);
        transfer.put(Variables.ENTERED_BY_STAFF, true);
        assertThat(triage(transfer).reviewNeeded()).isTrue();
        // the same requests filed by the requester (and verified by code) go on without review
        assertThat(triage(facts(Variables.TYPE_DELETE))).isEqualTo(new Triage(false, "", "Rule_NoReview"));
        assertThat(triage(facts(Variables.TYPE_COPY))).isEqualTo(new Triage(false, "", "Rule_NoReview"));
        // a staff-entered access or consent withdrawal hands nothing out: no review because of who entered it
        Map<String, Object> access = facts(Variables.TYPE_ACCESS);
        access.put(Variables.ENTERED_BY_STAFF, true);
        assertThat(triage(access)).isEqualTo(new Triage(false, "", "Rule_NoReview"));
    }

    @Test
    void legalHoldNeedsReviewForLegalObligation() {
        Map<String, Object> facts = facts(Variables.TYPE_ACCESS);
        facts.put(Variables.LEGAL_HOLD, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "LEGAL_OBLIGATION", "Rule_LegalHold"));
    }

    @Test
    void openInvestigationNeedsReviewForCriminalProceedings() {
        Map<String, Object> facts = facts(Variables.TYPE_DELETE);
        facts.put(Variables.OPEN_INVESTIGATION, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "CRIMINAL_PROCEEDINGS", "Rule_OpenInvestigation"));
    }

    @Test
    void minorAccountNeedsReviewWithoutGround() {
        Map<String, Object> facts = facts(Variables.TYPE_ACCESS);
        facts.put(Variables.MINOR_ACCOUNT, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "", "Rule_MinorAccount"));
    }

    @Test
    void threeEarlierRequestsNeedReviewAsRepetitive() {
        Map<String, Object> facts = facts(Variables.TYPE_ACCESS);
        facts.put(Variables.REPEAT_COUNT, 3);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "REPETITIVE", "Rule_Repetitive"));
    }

    @Test
    void aDeletionWithoutAStatedGroundGoesToAnOfficerWithTheSuggestedGround() {
        Map<String, Object> facts = facts(Variables.TYPE_DELETE);
        facts.put(Variables.DELETION_GROUND_MISSING, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "DELETION_GROUND_MISSING", "Rule_DeletionGroundMissing"));
        facts.put(Variables.REPEAT_COUNT, 4);
        assertThat(triage(facts)).as("the missing ground is the stronger reason")
                .isEqualTo(new Triage(true, "DELETION_GROUND_MISSING", "Rule_DeletionGroundMissing"));
        facts.put(Variables.LEGAL_HOLD, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "LEGAL_OBLIGATION", "Rule_LegalHold"));
    }

    @Test
    void twoEarlierRequestsAreNotRepetitive() {
        Map<String, Object> facts = facts(Variables.TYPE_ACCESS);
        facts.put(Variables.REPEAT_COUNT, 2);
        assertThat(triage(facts)).isEqualTo(new Triage(false, "", "Rule_NoReview"));
    }

    @Test
    void copyOfSensitiveDataNeedsReview() {
        Map<String, Object> facts = facts(Variables.TYPE_COPY);
        facts.put(Variables.SENSITIVE_CATEGORIES, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "", "Rule_SensitiveCopyOrTransfer"));
    }

    @Test
    void accessToSensitiveDataNeedsNoReview() {
        Map<String, Object> facts = facts(Variables.TYPE_ACCESS);
        facts.put(Variables.SENSITIVE_CATEGORIES, true);
        assertThat(triage(facts)).isEqualTo(new Triage(false, "", "Rule_NoReview"));
    }

    @Test
    void transferOfSensitiveDataMatchesTheSensitiveRuleFirst() {
        Map<String, Object> facts = facts(Variables.TYPE_TRANSFER);
        facts.put(Variables.SENSITIVE_CATEGORIES, true);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "", "Rule_SensitiveCopyOrTransfer"));
    }

    @Test
    void transferNeedsReviewForTheThirdPartyRecipient() {
        assertThat(triage(facts(Variables.TYPE_TRANSFER))).isEqualTo(new Triage(true, "", "Rule_Transfer"));
    }

    @Test
    void accountCancellationNeedsReview() {
        assertThat(triage(facts(Variables.TYPE_CANCEL_ACCOUNT)))
                .isEqualTo(new Triage(true, "", "Rule_CancelAccount"));
    }

    @Test
    void otherwiseNoReview() {
        for (String type : new String[] {Variables.TYPE_ACCESS, Variables.TYPE_COPY, Variables.TYPE_CORRECT,
                Variables.TYPE_DELETE, Variables.TYPE_WITHDRAW_CONSENT}) {
            assertThat(triage(facts(type))).as(type).isEqualTo(new Triage(false, "", "Rule_NoReview"));
        }
    }

    @Test
    void strongerReasonsComeFirst() {
        Map<String, Object> facts = facts(Variables.TYPE_CANCEL_ACCOUNT);
        facts.put(Variables.LEGAL_HOLD, true);
        facts.put(Variables.OPEN_INVESTIGATION, true);
        facts.put(Variables.REPEAT_COUNT, 5);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "LEGAL_OBLIGATION", "Rule_LegalHold"));

        facts.put(Variables.LEGAL_HOLD, false);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "CRIMINAL_PROCEEDINGS", "Rule_OpenInvestigation"));

        facts.put(Variables.OPEN_INVESTIGATION, false);
        assertThat(triage(facts)).isEqualTo(new Triage(true, "REPETITIVE", "Rule_Repetitive"));
    }
}
