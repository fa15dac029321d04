package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conventions of docs/architecture.md and docs/processes.md that a model can break without any path test noticing: the
 * diagram Cockpit draws, asynchronous service tasks with retries, forms by reference, deadlines
 * on user tasks, the business key passed to called processes, and forms that exist.
 */
class ProcessModelConventionsTest {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    static Stream<String> models() {
        return Stream.of(RightsRequestModel.RESOURCE, AccessFulfilmentModel.RESOURCE, ManualFulfilmentModel.RESOURCE,
                DownloadExpiryModel.RESOURCE, StaffDailyDigestModel.RESOURCE, RefusalApprovalModel.RESOURCE,
                TransferFulfilmentModel.RESOURCE, CorrectionFulfilmentModel.RESOURCE, DeletionFulfilmentModel.RESOURCE,
                AccountCancellationModel.RESOURCE, SendToReviewModel.RESOURCE, ProactiveDeletionModel.RESOURCE,
                ExplanationFulfilmentModel.RESOURCE, RestrictionFulfilmentModel.RESOURCE, RestrictionPeriodModel.RESOURCE);
    }

    static BpmnModelInstance read(String resource) throws IOException {
        try (InputStream in = ProcessModelConventionsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Bpmn.readModelFromStream(in);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void processesAreExecutableWithHistoryTimeToLive(String resource) throws IOException {
        Collection<Process> processes = read(resource).getModelElementsByType(Process.class);
        assertThat(processes).hasSize(1);
        Process process = processes.iterator().next();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyElementIsDrawn(String resource) throws IOException {
        BpmnModelInstance model = read(resource);
        Set<String> shapes = new HashSet<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            shapes.add(shape.getBpmnElement().getId());
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("shape of %s", node.getId()).contains(node.getId());
        }
        Set<String> edges = new HashSet<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            edges.add(edge.getBpmnElement().getId());
            Collection<Waypoint> waypoints = edge.getWaypoints();
            assertThat(waypoints).as("waypoints of %s", edge.getBpmnElement().getId()).hasSizeGreaterThanOrEqualTo(2);
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("edge of %s", flow.getId()).contains(flow.getId());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void childrenAreDrawnInsideTheirSubProcessAndBoundaryEventsOnTheirHost(String resource) throws IOException {
        BpmnModelInstance model = read(resource);
        for (SubProcess subProcess : model.getModelElementsByType(SubProcess.class)) {
            Bounds outer = bounds(model, subProcess.getId());
            for (FlowNode child : subProcess.getChildElementsByType(FlowNode.class)) {
                if (child instanceof BoundaryEvent) {
                    continue;
                }
                Bounds inner = bounds(model, child.getId());
                assertThat(inner.getX()).as("%s inside %s", child.getId(), subProcess.getId()).isGreaterThan(outer.getX());
                assertThat(inner.getY()).as("%s inside %s", child.getId(), subProcess.getId()).isGreaterThan(outer.getY());
                assertThat(inner.getX() + inner.getWidth()).as("%s inside %s", child.getId(), subProcess.getId())
                        .isLessThan(outer.getX() + outer.getWidth());
                assertThat(inner.getY() + inner.getHeight()).as("%s inside %s", child.getId(), subProcess.getId())
                        .isLessThan(outer.getY() + outer.getHeight());
            }
        }
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            Bounds host = bounds(model, event.getAttachedTo().getId());
            Bounds own = bounds(model, event.getId());
            double cx = own.getX() + own.getWidth() / 2;
            double cy = own.getY() + own.getHeight() / 2;
            boolean onHorizontalBorder = (cy == host.getY() || cy == host.getY() + host.getHeight())
                    && cx >= host.getX() && cx <= host.getX() + host.getWidth();
            boolean onVerticalBorder = (cx == host.getX() || cx == host.getX() + host.getWidth())
                    && cy >= host.getY() && cy <= host.getY() + host.getHeight();
            assertThat(onHorizontalBorder || onVerticalBorder).as("%s on the border of its host", event.getId()).isTrue();
        }
    }

    private static Bounds bounds(BpmnModelInstance model, String elementId) {
        return model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement().getId().equals(elementId))
                .findFirst().orElseThrow().getBounds();
    }

    @ParameterizedTest
    @MethodSource("models")
    void serviceTasksAreAsyncDelegateExpressionsWithRetries(String resource) throws IOException {
        for (ServiceTask task : read(resource).getModelElementsByType(ServiceTask.class)) {
            if ("external".equals(task.getCamundaType())) {
                // a system's worker does it: retries are its own (handleFailure), the incident the engine's
                assertThat(task.getCamundaTopic()).as("%s topic", task.getId()).isNotBlank();
                continue;
            }
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-zA-Z]+}");
            assertThat(task.getCamundaClass()).as(task.getId()).isNull();
            if (RightsRequestModel.RESOURCE.equals(resource)
                    && RightsRequestModel.FILING_TRANSACTION_TASKS.contains(task.getId())
                    || SendToReviewModel.RESOURCE.equals(resource)
                    && SendToReviewModel.FORM_TRANSACTION_TASKS.contains(task.getId())) {
                // the named exceptions: outbox writes in the filing's transaction, a staff form's own transaction
                assertThat(task.isCamundaAsyncBefore()).as("%s runs in the caller's transaction", task.getId()).isFalse();
                assertThat(task.getDocumentations()).as("%s says why it is not asynchronous", task.getId()).isNotEmpty();
                continue;
            }
            assertThat(task.isCamundaAsyncBefore()).as("%s asyncBefore", task.getId()).isTrue();
            assertThat(retryCycle(task)).as("%s retry cycle", task.getId()).isEqualTo("R3/PT5M");
        }
    }

    private static String retryCycle(Activity activity) {
        return activity.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult().getTextContent();
    }

    @ParameterizedTest
    @MethodSource("models")
    void userTasksUseDeployedFormsAndTheRequestDeadline(String resource) throws IOException {
        for (UserTask task : read(resource).getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaFormKey()).as("%s uses no formKey", task.getId()).isNull();
            assertThat(task.getAttributeValueNs(CAMUNDA_NS, "formRef")).as(task.getId()).startsWith("Form_");
            assertThat(task.getAttributeValueNs(CAMUNDA_NS, "formRefBinding")).as(task.getId()).isEqualTo("deployment");
            assertThat(task.getCamundaDueDate()).as(task.getId()).isEqualTo("${dueDate}");
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
            assertThat(task.getAttributeValueNs(CAMUNDA_NS, "formRef") + ".form")
                    .as("form file of %s", task.getId()).isIn(formFiles());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void calledProcessesGetTheBusinessKey(String resource) throws IOException {
        for (CallActivity call : read(resource).getModelElementsByType(CallActivity.class)) {
            List<String> businessKeys = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (CamundaIn in : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
                if (in.getCamundaBusinessKey() != null) {
                    businessKeys.add(in.getCamundaBusinessKey());
                } else {
                    sources.add(in.getCamundaSource());
                }
            }
            assertThat(businessKeys).as(call.getId()).containsExactly("#{execution.processBusinessKey}");
            assertThat(sources).as(call.getId()).contains(Variables.REQUEST_ID, Variables.REFERENCE,
                    Variables.REQUEST_TYPE, Variables.DUE_DATE);
        }
    }

    // ------------------------------------------------------------------ forms

    static final List<String> GROUND_CODES = List.of("LEGAL_OBLIGATION", "NATIONAL_SECURITY", "PUBLIC_INTEREST",
            "CRIMINAL_PROCEEDINGS", "ABUSE_OF_RIGHTS", "PROTECT_LIFE_OR_PROPERTY", "HARM_TO_OTHERS", "TRADE_SECRET",
            "REPETITIVE", "EXCESSIVE_TECHNICAL_MEANS", "RISK_TO_OTHERS", "IMPRACTICAL", "TRANSFER_CONDITIONS_NOT_MET",
            "DELETION_GROUND_MISSING");

    static List<String> formFiles() {
        return List.of("Form_ExemptionReview.form", "Form_RefusalApproval.form", "Form_ManualIdentityCheck.form",
                "Form_ManualFulfilment.form", "Form_TransferApproval.form", "Form_BlockedCancellation.form",
                "Form_CorrectionReview.form", "Form_SweepByHand.form", "Form_ExplanationAnswer.form",
                "Form_RequestEntered.form",
                "Form_SystemStep.form");
    }

    static JsonNode form(String id) throws IOException {
        try (InputStream in = ProcessModelConventionsTest.class.getClassLoader()
                .getResourceAsStream("forms/" + id + ".form")) {
            assertThat(in).as(id).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    static JsonNode component(JsonNode form, String key) {
        for (JsonNode component : form.get("components")) {
            if (key.equals(component.path("key").asText())) {
                return component;
            }
        }
        return null;
    }

    static List<String> values(JsonNode component) {
        List<String> values = new ArrayList<>();
        component.get("values").forEach(value -> values.add(value.get("value").asText()));
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview", "Form_RefusalApproval", "Form_ManualIdentityCheck",
            "Form_ManualFulfilment", "Form_TransferApproval", "Form_BlockedCancellation", "Form_ExplanationAnswer",
            "Form_SystemStep"})
    void formsShowTheRequestAndAskForADecisionAndAnExplanation(String id) throws IOException {
        JsonNode form = form(id);
        assertThat(form.get("id").asText()).isEqualTo(id);
        assertThat(form.get("type").asText()).isEqualTo("default");
        assertThat(form.get("schemaVersion").asInt()).isLessThanOrEqualTo(16);
        String texts = form.get("components").findValuesAsText("text").toString();
        // The request's card (right, Beijing due date, what was asked, why in review, the staff page's link), with the
        // reference and its link for a task created before cards existed.
        assertThat(texts).contains("{{if " + Variables.TASK_CARD + " = null then", "/staff/requests/\" + reference");

        JsonNode decision = component(form, Variables.DECISION);
        assertThat(decision).isNotNull();
        assertThat(decision.get("type").asText()).isIn("radio", "select");
        assertThat(decision.at("/validate/required").asBoolean()).isTrue();
        JsonNode explanation = component(form, Variables.EXPLANATION);
        assertThat(explanation.get("type").asText()).isEqualTo("textarea");
        assertThat(explanation.at("/validate/required").asBoolean()).isTrue();

        Set<String> ids = new HashSet<>();
        form.get("components").forEach(component -> assertThat(ids.add(component.get("id").asText()))
                .as("unique component id in %s", id).isTrue());
        form.get("components").forEach(component -> assertThat(component.path("readonly").asBoolean())
                .as("read-only fields are submitted and would overwrite variables; use text views").isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview:PROCEED,PARTIAL,REFUSE", "Form_RefusalApproval:APPROVE,REJECT",
            "Form_ManualIdentityCheck:VERIFIED,NOT_VERIFIED", "Form_ManualFulfilment:COMPLETED,PARTIALLY_COMPLETED",
            "Form_TransferApproval:APPROVE,REJECT", "Form_BlockedCancellation:PROCEED,REFUSE",
            "Form_ExplanationAnswer:PROCEED,REFUSE", "Form_SystemStep:DONE"})
    void decisionsOfferTheValuesTheGatewaysExpect(String spec) throws IOException {
        String[] parts = spec.split(":");
        assertThat(values(component(form(parts[0]), Variables.DECISION))).containsExactly(parts[1].split(","));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview", "Form_ManualFulfilment", "Form_TransferApproval",
            "Form_BlockedCancellation", "Form_ExplanationAnswer"})
    void groundsOfferEveryRefusalGround(String id) throws IOException {
        JsonNode grounds = component(form(id), Variables.GROUNDS);
        assertThat(grounds.get("type").asText()).isEqualTo("checklist");
        assertThat(values(grounds)).containsExactlyElementsOf(GROUND_CODES);
        grounds.get("values").forEach(value -> assertThat(value.get("label").asText())
                .as("plain-language label").hasSizeGreaterThan(value.get("value").asText().length() + 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview"})
    void reviewFormShowsTheTriageFacts(String id) throws IOException {
        String texts = form(id).get("components").findValuesAsText("text").toString();
        assertThat(texts).contains(Variables.REPEAT_COUNT, Variables.LEGAL_HOLD, Variables.OPEN_INVESTIGATION,
                Variables.MINOR_ACCOUNT, Variables.SENSITIVE_CATEGORIES, Variables.SUGGESTED_GROUNDS);
    }
}
