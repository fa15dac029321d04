package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.process.delegate.ForgetStartFormFieldsDelegate;
import org.rightsflow.process.delegate.SendToReviewDelegate;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.review.ReviewReferral;
import org.rightsflow.review.ReviewReferrals;

/**
 * SendToReviewProcess with the real delegates and a mocked referral service: the start form's reference and reason
 * become a referral of the signed-in officer, a refused referral fails the form submission (Tasklist shows it, nothing
 * is stored), and the reason leaves no trace in the engine.
 */
@Deployment(resources = {SendToReviewModel.RESOURCE, "forms/Form_SendToReview.form"})
class SendToReviewProcessTest extends ProcessModelTestSupport {

    static final String REASON = "Caller said a court order covers the account (case number on file).";

    private final ReviewReferrals referrals = mock(ReviewReferrals.class);

    @BeforeEach
    void registerDelegates() {
        Mocks.register(SendToReviewModel.BEAN_SEND_TO_REVIEW, new SendToReviewDelegate(referrals));
        Mocks.register(StaffIntakeModel.BEAN_FORGET_FORM_FIELDS, new ForgetStartFormFieldsDelegate());
        engine.getIdentityService().setAuthentication("officer", List.of(SendToReviewModel.GROUP_PRIVACY_OFFICERS));
    }

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
    }

    private ProcessDefinition definition() {
        return engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(SendToReviewModel.PROCESS_ID).singleResult();
    }

    private Map<String, Object> form(String reference) {
        return Map.of(SendToReviewModel.FIELD_REFERENCE, reference, SendToReviewModel.FIELD_REASON, REASON);
    }

    @Test
    void aPrivacyOfficerStartsItFromTheDeployedStartForm() throws Exception {
        ProcessDefinition definition = definition();
        assertThat(definition.getHistoryTimeToLive()).isNotNull();
        assertThat(engine.getRepositoryService().getBpmnModelInstance(definition.getId())
                .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next()
                .getCamundaCandidateStarterGroups()).isEqualTo(SendToReviewModel.GROUP_PRIVACY_OFFICERS);
        try (var form = engine.getFormService().getDeployedStartForm(definition.getId())) {
            String json = new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"id\": \"" + SendToReviewModel.FORM_SEND_TO_REVIEW + "\"",
                    SendToReviewModel.FIELD_REFERENCE, SendToReviewModel.FIELD_REASON);
        }
    }

    @Test
    void recordsTheReferralWithWhoAndWhyAndForgetsTheReason() {
        when(referrals.refer(eq(" " + REFERENCE), eq("officer"), eq(REASON))).thenReturn(new ReviewReferral(1, REQUEST_ID,
                REFERENCE, "officer", REASON, Instant.now(), null));

        ProcessInstance instance = engine.getFormService().submitStartForm(definition().getId(), form(" " + REFERENCE));

        verify(referrals).refer(" " + REFERENCE, "officer", REASON);
        assertThat(instance).hasBusinessKey(REFERENCE);
        assertWaitingAt(instance, SendToReviewModel.TASK_FORGET_FORM_FIELDS);
        assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys(SendToReviewModel.FIELD_REASON,
                SendToReviewModel.FIELD_REFERENCE).doesNotContainValue(REASON);
        runJobsAt(SendToReviewModel.TASK_FORGET_FORM_FIELDS);

        assertThat(instance).hasPassedInOrder(SendToReviewModel.START_EVENT_REFERRAL_ENTERED,
                SendToReviewModel.TASK_SEND_TO_REVIEW, SendToReviewModel.TASK_FORGET_FORM_FIELDS,
                SendToReviewModel.END_EVENT_SENT_TO_REVIEW).isEnded();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
                .noneMatch(v -> REASON.equals(v.getValue()));
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance.getId()).list())
                .as("no form-field entry keeps the reason").isEmpty();
    }

    @Test
    void aReferralAfterTheFulfilmentStartedFailsTheFormAndLeavesNothing() {
        when(referrals.refer(any(), any(), any())).thenThrow(new RequestStateConflictException("FULFILMENT_STARTED",
                "Fulfilment of " + REFERENCE + " has started: it can no longer be sent to the exemption review"));

        assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition().getId(), form(REFERENCE)))
                .hasMessageContaining("can no longer be sent to the exemption review");

        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SendToReviewModel.PROCESS_ID).count())
                .isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(SendToReviewModel.PROCESS_ID).count()).as("rolled back").isZero();
    }
}
