package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsflow.retention.ProactiveDeletionService;
import org.rightsflow.review.RefusalGround;

/**
 * The conventions of docs/architecture.md and docs/processes.md that a model can break without any path test noticing,
 * checked over every file of processes/ and forms/ (a new file is checked without being added to a list): a class of
 * constants per model, the diagram Cockpit draws, asynchronous service tasks with retries, delegate expressions,
 * history time to live, forms by reference to deployed forms that exist and are used, deadlines on user tasks, the
 * business key passed to called processes, and the decision values the gateways expect.
 */
class ProcessModelConventionsTest {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    /** Every BPMN file of processes/: a new model is checked without being added anywhere. */
    static Stream<String> models() {
        return ModelFiles.bpmnResources().stream();
    }

    static Stream<String> decisions() {
        return ModelFiles.dmnResources().stream();
    }

    static Stream<String> forms() {
        return ModelFiles.formResources().stream();
    }

    static BpmnModelInstance read(String resource) {
        return ModelFiles.bpmn(resource);
    }

    /** The class of constants of a model: the {@code *Model} whose RESOURCE names the file. */
    static Class<?> modelClass(String resource) {
        return ModelFiles.modelClasses().stream().filter(model -> {
            try {
                return resource.equals(model.getField("RESOURCE").get(null));
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no *Model class with RESOURCE = " + resource));
    }

    /**
     * The service tasks a model runs in its caller's transaction on purpose, as its constants name them (fields
     * ending in {@code _TRANSACTION_TASKS}, each with its reason in its comment and in the task's documentation).
     */
    static Set<String> synchronousOnPurpose(String resource) {
        Set<String> tasks = new HashSet<>();
        for (java.lang.reflect.Field field : modelClass(resource).getFields()) {
            if (field.getName().endsWith("_TRANSACTION_TASKS")) {
                try {
                    for (Object task : (Collection<?>) field.get(null)) {
                        tasks.add((String) task);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return tasks;
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyModelHasItsClassOfConstantsAndItsProcessId(String resource) throws ReflectiveOperationException {
        Process process = read(resource).getModelElementsByType(Process.class).iterator().next();
        assertThat(modelClass(resource).getField("PROCESS_ID").get(null)).as(resource).isEqualTo(process.getId());
        String fileName = resource.substring("processes/".length(), resource.length() - ".bpmn".length());
        assertThat(fileName).as("file name = process id in kebab case")
                .isEqualTo(process.getId().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase().replaceAll("-process$", ""));
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void decisionsHaveAHistoryTimeToLive(String resource) {
        for (org.camunda.bpm.model.dmn.instance.Decision decision
                : ModelFiles.dmn(resource).getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)) {
            assertThat(decision.getCamundaHistoryTimeToLiveString()).as(decision.getId()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void processesAreExecutableWithHistoryTimeToLive(String resource) {
        Collection<Process> processes = read(resource).getModelElementsByType(Process.class);
        assertThat(processes).hasSize(1);
        Process process = processes.iterator().next();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyElementIsDrawn(String resource) {
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
    void childrenAreDrawnInsideTheirSubProcessAndBoundaryEventsOnTheirHost(String resource) {
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
    void serviceTasksAreAsyncDelegateExpressionsWithRetries(String resource) {
        for (ServiceTask task : read(resource).getModelElementsByType(ServiceTask.class)) {
            if ("external".equals(task.getCamundaType())) {
                // a system's worker does it: retries are its own (handleFailure), the incident the engine's
                assertThat(task.getCamundaTopic()).as("%s topic", task.getId()).isNotBlank();
                continue;
            }
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-zA-Z]+}");
            assertThat(task.getCamundaClass()).as(task.getId()).isNull();
            if (synchronousOnPurpose(resource).contains(task.getId())) {
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
    void userTasksUseDeployedFormsAndTheRequestDeadline(String resource) {
        for (UserTask task : read(resource).getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaFormKey()).as("%s uses no formKey", task.getId()).isNull();
            assertThat(task.getAttributeValueNs(CAMUNDA_NS, "formRef")).as(task.getId()).startsWith("Form_");
            assertThat(task.getAttributeValueNs(CAMUNDA_NS, "formRefBinding")).as(task.getId()).isEqualTo("deployment");
            assertThat(task.getCamundaDueDate()).as(task.getId()).isEqualTo("${dueDate}");
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
            assertThat(task.getAttributeValueNs(CAMUNDA_NS, "formRef") + ".form")
                    .as("form file of %s", task.getId()).isIn(ModelFiles.formFileNames());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void calledProcessesGetTheBusinessKey(String resource) {
        for (CallActivity call : read(resource).getModelElementsByType(CallActivity.class)) {
            List<String> businessKeys = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            for (CamundaIn in : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
                if (in.getCamundaBusinessKey() != null) {
                    businessKeys.add(in.getCamundaBusinessKey());
                } else {
                    // the request's own process passes its reference from the business key (no variable of its own)
                    targets.add(in.getCamundaTarget());
                }
            }
            assertThat(businessKeys).as(call.getId()).containsExactly("#{execution.processBusinessKey}");
            if (SystemStepsModel.PROCESS_ID.equals(call.getCalledElement())) {
                // the systems' steps get what their planning reads; a data operator's step task takes the rest from
                // its callers (docs/processes.md)
                assertThat(targets).as(call.getId()).contains(VariableNames.REQUEST_ID, SystemStepsModel.SYSTEM_OPERATION)
                        .doesNotContain(VariableNames.REFERENCE, VariableNames.REQUEST_TYPE, VariableNames.DUE_DATE);
            } else if (SystemStepModel.PROCESS_ID.equals(call.getCalledElement())) {
                assertThat(targets).as(call.getId()).containsExactly(SystemStepModel.SYSTEM_STEP_ID);
            } else {
                assertThat(targets).as(call.getId()).contains(VariableNames.REQUEST_ID, VariableNames.REFERENCE,
                        VariableNames.REQUEST_TYPE, VariableNames.DUE_DATE);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void startFormsAreDeployedFormsToo(String resource) {
        for (StartEvent start : read(resource).getModelElementsByType(StartEvent.class)) {
            String formRef = start.getAttributeValueNs(CAMUNDA_NS, "formRef");
            assertThat(start.getCamundaFormKey()).as("%s uses no formKey", start.getId()).isNull();
            if (formRef != null) {
                assertThat(start.getAttributeValueNs(CAMUNDA_NS, "formRefBinding")).as(start.getId())
                        .isEqualTo("deployment");
                assertThat(formRef + ".form").as("form file of %s", start.getId()).isIn(ModelFiles.formFileNames());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void listenersAreDelegateExpressions(String resource) {
        BpmnModelInstance model = read(resource);
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            assertThat(listener.getCamundaDelegateExpression()).as("task listener in %s", resource)
                    .matches("\\$\\{[a-zA-Z]+}");
            assertThat(listener.getCamundaClass()).isNull();
            assertThat(listener.getCamundaExpression()).isNull();
            assertThat(listener.getCamundaScript()).isNull();
        }
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            assertThat(listener.getCamundaDelegateExpression()).as("execution listener in %s", resource)
                    .matches("\\$\\{[a-zA-Z]+}");
            assertThat(listener.getCamundaClass()).isNull();
            assertThat(listener.getCamundaExpression()).isNull();
            assertThat(listener.getCamundaScript()).isNull();
        }
        assertThat(model.getModelElementsByType(ScriptTask.class)).as("no scripts in %s", resource).isEmpty();
    }

    // ------------------------------------------------------------------ forms

    static List<String> groundCodes() {
        return Arrays.stream(RefusalGround.values()).map(Enum::name).toList();
    }

    static JsonNode form(String id) {
        return ModelFiles.form(id);
    }

    static JsonNode component(JsonNode form, String key) {
        return ModelFiles.components(form).stream().filter(component -> key.equals(component.path("key").asText()))
                .findFirst().orElse(null);
    }

    static List<String> values(JsonNode component) {
        return ModelFiles.optionValues(component);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void everyFormIsAUsedCamundaFormOfItsOwnName(String resource) {
        JsonNode form = form(resource);
        String id = resource.substring("forms/".length(), resource.length() - ".form".length());
        assertThat(form.get("id").asText()).as(resource).isEqualTo(id);
        assertThat(form.get("type").asText()).as(resource).isEqualTo("default");
        assertThat(form.get("schemaVersion").asInt()).as("form-js 1.8 reads schema 16 at most").isLessThanOrEqualTo(16);
        Set<String> ids = new HashSet<>();
        for (JsonNode component : ModelFiles.components(form)) {
            assertThat(ids.add(component.get("id").asText())).as("unique component id %s in %s",
                    component.get("id").asText(), resource).isTrue();
            assertThat(component.path("readonly").asBoolean())
                    .as("%s: read-only fields are submitted and would overwrite variables; use text views", resource)
                    .isFalse();
        }
        boolean linked = ModelFiles.bpmnResources().stream().map(ModelFiles::text)
                .anyMatch(model -> model.contains("camunda:formRef=\"" + id + "\""));
        assertThat(linked).as("%s is linked by a model (camunda:formRef)", resource).isTrue();
    }

    /**
     * Tasklist cannot show a form in the reader's language (form-js has no locale of its own), so every form speaks
     * both: each label, hint, option, table column and text block that has English words has Chinese too. Values
     * filled in from variables ({{...}}), link targets and code spans are not words to translate.
     */
    @ParameterizedTest
    @MethodSource("forms")
    void everyFormSpeaksChineseAndEnglish(String resource) {
        List<String> englishOnly = new ArrayList<>();
        for (JsonNode component : ModelFiles.components(form(resource))) {
            List<JsonNode> texts = new ArrayList<>();
            Stream.of("label", "description", "text").map(component::path).forEach(texts::add);
            component.path("values").forEach(option -> texts.add(option.path("label")));
            component.path("columns").forEach(column -> texts.add(column.path("label")));
            for (JsonNode text : texts) {
                String words = text.asText("").replaceAll("(?s)\\{\\{.*?}}", " ").replaceAll("\\]\\([^)]*\\)", "]")
                        .replaceAll("`[^`]*`", " ");
                if (ENGLISH_WORD.matcher(words).find() && !HAN.matcher(words).find()) {
                    englishOnly.add(component.path("id").asText() + ": " + text.asText());
                }
            }
        }
        assertThat(englishOnly).as("%s: texts in English only", resource).isEmpty();
    }

    private static final java.util.regex.Pattern ENGLISH_WORD = java.util.regex.Pattern.compile("[A-Za-z]{3,}");
    private static final java.util.regex.Pattern HAN = java.util.regex.Pattern.compile("\\p{IsHan}");

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview", "Form_RefusalApproval", "Form_ManualIdentityCheck",
            "Form_ManualFulfilment", "Form_TransferApproval", "Form_BlockedCancellation", "Form_ExplanationAnswer",
            "Form_SystemStep"})
    void formsShowTheRequestAndAskForADecisionAndAnExplanation(String id) {
        JsonNode form = form(id);
        assertThat(form.get("id").asText()).isEqualTo(id);
        assertThat(form.get("type").asText()).isEqualTo("default");
        assertThat(form.get("schemaVersion").asInt()).isLessThanOrEqualTo(16);
        String texts = form.get("components").findValuesAsText("text").toString();
        // The request's card (right, Beijing due date, what was asked, why in review, the staff page's link), with the
        // reference and its link for a task created before cards existed.
        assertThat(texts).contains("{{if " + VariableNames.TASK_CARD + " = null then", "/staff/requests/\" + reference");

        JsonNode decision = component(form, VariableNames.DECISION);
        assertThat(decision).isNotNull();
        assertThat(decision.get("type").asText()).isIn("radio", "select");
        assertThat(decision.at("/validate/required").asBoolean()).isTrue();
        JsonNode explanation = component(form, VariableNames.EXPLANATION);
        assertThat(explanation.get("type").asText()).isEqualTo("textarea");
        assertThat(explanation.at("/validate/required").asBoolean()).isTrue();

        Set<String> ids = new HashSet<>();
        form.get("components").forEach(component -> assertThat(ids.add(component.get("id").asText()))
                .as("unique component id in %s", id).isTrue());
        form.get("components").forEach(component -> assertThat(component.path("readonly").asBoolean())
                .as("read-only fields are submitted and would overwrite variables; use text views").isFalse());
    }

    /** What each form's decision offers: the values its gateways and listeners compare, by their constants. */
    static final Map<String, List<String>> DECISIONS = Map.ofEntries(
            Map.entry(ExemptionReviewModel.FORM_EXEMPTION_REVIEW, List.of(VariableNames.PROCEED, VariableNames.PARTIAL, VariableNames.REFUSE)),
            Map.entry(RefusalApprovalModel.FORM_REFUSAL_APPROVAL, List.of(VariableNames.APPROVE, VariableNames.REJECT)),
            Map.entry(RightsRequestModel.FORM_MANUAL_IDENTITY_CHECK, List.of(VariableNames.VERIFIED, VariableNames.NOT_VERIFIED)),
            Map.entry(ManualFulfilmentModel.FORM_MANUAL_FULFILMENT,
                    List.of(VariableNames.OUTCOME_COMPLETED, VariableNames.OUTCOME_PARTIALLY_COMPLETED)),
            Map.entry(TransferFulfilmentModel.FORM_TRANSFER_APPROVAL, List.of(VariableNames.APPROVE, VariableNames.REJECT)),
            Map.entry(AccountCancellationModel.FORM_BLOCKED_CANCELLATION,
                    List.of(AccountCancellationModel.PROCEED, AccountCancellationModel.REFUSE)),
            Map.entry(ExplanationFulfilmentModel.FORM_ANSWER_QUESTION, List.of(VariableNames.PROCEED, VariableNames.REFUSE)),
            Map.entry(SystemStepModel.FORM_SYSTEM_STEP, List.of(SystemStepModel.DONE)),
            Map.entry(CorrectionFulfilmentModel.FORM_CORRECTION_REVIEW,
                    List.of(CorrectionFulfilmentModel.APPLY, CorrectionFulfilmentModel.REJECT)),
            Map.entry(ProactiveDeletionModel.FORM_SWEEP_BY_HAND,
                    List.of(ProactiveDeletionService.SWEPT, ProactiveDeletionService.NOT_SWEPT)));

    @ParameterizedTest
    @MethodSource("forms")
    void decisionsOfferTheValuesTheGatewaysExpect(String resource) {
        JsonNode form = form(resource);
        JsonNode decision = component(form, VariableNames.DECISION);
        String id = form.get("id").asText();
        if (decision == null) {
            assertThat(DECISIONS).as("%s has no decision", id).doesNotContainKey(id);
            return;
        }
        assertThat(DECISIONS).as("the values of %s's decision are named here", id).containsKey(id);
        assertThat(values(decision)).as(id).containsExactlyElementsOf(DECISIONS.get(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview", "Form_ManualFulfilment", "Form_TransferApproval",
            "Form_BlockedCancellation", "Form_ExplanationAnswer"})
    void groundsOfferEveryRefusalGround(String id) {
        JsonNode grounds = component(form(id), VariableNames.GROUNDS);
        assertThat(grounds.get("type").asText()).isEqualTo("checklist");
        assertThat(values(grounds)).containsExactlyElementsOf(groundCodes());
        grounds.get("values").forEach(value -> assertThat(value.get("label").asText())
                .as("plain-language label").hasSizeGreaterThan(value.get("value").asText().length() + 5));
    }

    /**
     * The exemption review is a called process: every process variable its form shows or tests must be passed in by
     * the calling activity (or be one of the form's own fields, or the task's card), or the officer sees blanks.
     */
    @org.junit.jupiter.api.Test
    void theCalledReviewGetsEveryVariableItsFormReads() throws IllegalAccessException {
        Set<String> variables = new HashSet<>();
        for (java.lang.reflect.Field field : VariableNames.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                variables.add((String) field.get(null));
            }
        }
        String form = ModelFiles.form(ExemptionReviewModel.FORM_EXEMPTION_REVIEW).toString();
        Set<String> read = new HashSet<>();
        java.util.regex.Matcher expression = java.util.regex.Pattern.compile("\\{\\{(.*?)}}|\"=([^\"]*)\"").matcher(form);
        while (expression.find()) {
            java.util.regex.Matcher word = java.util.regex.Pattern.compile("\\b[a-z]\\w*")
                    .matcher(expression.group(1) != null ? expression.group(1) : expression.group(2));
            while (word.find()) {
                if (variables.contains(word.group())) {
                    read.add(word.group());
                }
            }
        }
        Set<String> passedIn = new HashSet<>();
        CallActivity call = read(RightsRequestModel.RESOURCE).getModelElementById(
                RightsRequestModel.CALL_ACTIVITY_REVIEW_EXEMPTIONS);
        call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()
                .forEach(in -> passedIn.add(in.getCamundaTarget()));
        Set<String> ownFields = new HashSet<>();
        ModelFiles.components(ModelFiles.form(ExemptionReviewModel.FORM_EXEMPTION_REVIEW))
                .forEach(component -> ownFields.add(component.path("key").asText()));
        read.removeAll(ownFields);
        read.remove(VariableNames.TASK_CARD);
        assertThat(read).as("variables the review form reads").isNotEmpty();
        assertThat(passedIn).as("passed in by %s", call.getId()).containsAll(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Form_ExemptionReview"})
    void reviewFormShowsTheTriageFacts(String id) {
        String texts = form(id).get("components").findValuesAsText("text").toString();
        assertThat(texts).contains(VariableNames.REPEAT_COUNT, VariableNames.LEGAL_HOLD, VariableNames.OPEN_INVESTIGATION,
                VariableNames.MINOR_ACCOUNT, VariableNames.SENSITIVE_CATEGORIES, VariableNames.SUGGESTED_GROUNDS);
    }
}
