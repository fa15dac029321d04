package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.request.ConsentPurpose;
import org.rightsflow.request.DeletionGround;
import org.rightsflow.request.RequestIntakeService;
import org.rightsflow.request.RequestOutcome;
import org.rightsflow.request.RequestType;
import org.rightsflow.review.RefusalGround;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One vocabulary (docs/architecture.md): every word a BPMN, DMN or form file names — the beans it calls, the groups
 * its tasks go to, the outcomes it compares or sets, the codes its option lists offer — is spelt once in Java
 * (a {@code *Model} constant, {@link StaffGroups}, an enum), and every word of that vocabulary is used by a model. A
 * misspelt word in a model would otherwise fail only at run time, as an incident.
 */
class ModelVocabularyTest {

    /** Expressions that are not beans: the engine's own objects and a DMN result. */
    private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "decisionResult");
    private static final Pattern DELEGATE_BEAN = Pattern.compile("(?:d|variableMappingD)elegateExpression=\"\\$\\{(\\w+)}\"");
    private static final Pattern METHOD_BEAN = Pattern.compile("[$#]\\{(\\w+)\\.\\w+\\(");
    private static final Pattern OUTCOME_COMPARED = Pattern.compile("\\boutcome\\s*[!=]=\\s*'(\\w+)'");
    private static final Pattern OUTCOME_SET =
            Pattern.compile("<camunda:outputParameter name=\"outcome\">(\\w+)</camunda:outputParameter>");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    static Stream<String> bpmnResources() {
        return ModelFiles.bpmnResources().stream();
    }

    static Stream<String> formResources() {
        return ModelFiles.formResources().stream();
    }

    // ------------------------------------------------------------------ beans

    @ParameterizedTest
    @MethodSource("bpmnResources")
    void everyBeanAModelCallsIsAModelConstantAndASpringBean(String resource) {
        Set<String> constants = beanConstants().keySet();
        Set<String> beans = SPRING_BEANS.get();
        for (String bean : beansNamedBy(ModelFiles.text(resource))) {
            assertThat(constants).as("%s names the bean %s: a BEAN_ constant of a *Model class", resource, bean)
                    .contains(bean);
            assertThat(beans).as("%s names the bean %s: a @Component of that name", resource, bean).contains(bean);
        }
    }

    @Test
    void everyBeanConstantIsCalledByAModel() {
        Set<String> named = new TreeSet<>();
        ModelFiles.bpmnResources().forEach(resource -> named.addAll(beansNamedBy(ModelFiles.text(resource))));
        beanConstants().forEach((bean, constant) ->
                assertThat(named).as("%s = \"%s\" is named by a model in processes/", constant, bean).contains(bean));
    }

    @Test
    void delegatesAndListenersTakeTheirNameFromTheModelConstants() throws IOException {
        // Their @Component names are the constants (or they would drift apart); checked in the source, where a literal
        // and a constant of the same value still differ.
        Resource[] sources = new PathMatchingResourcePatternResolver()
                .getResources("file:src/main/java/org/rightsflow/process/{delegate,listener}/*.java");
        assertThat(sources).isNotEmpty();
        for (Resource source : sources) {
            String text = source.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).as("%s: @Component(XxxModel.BEAN_...) or a plain @Component", source.getFilename())
                    .doesNotContain("@Component(\"");
        }
    }

    private static Set<String> beansNamedBy(String model) {
        Set<String> beans = new TreeSet<>();
        for (Pattern pattern : List.of(DELEGATE_BEAN, METHOD_BEAN)) {
            Matcher matcher = pattern.matcher(model);
            while (matcher.find()) {
                if (!ENGINE_OBJECTS.contains(matcher.group(1))) {
                    beans.add(matcher.group(1));
                }
            }
        }
        return beans;
    }

    /** Bean name → the constant that spells it, over every {@code *Model} class. */
    private static Map<String, String> beanConstants() {
        Map<String, String> constants = new HashMap<>();
        for (Class<?> model : ModelFiles.modelClasses()) {
            for (Field field : model.getFields()) {
                if (field.getName().startsWith("BEAN_") && Modifier.isStatic(field.getModifiers())) {
                    try {
                        String previous = constants.put((String) field.get(null),
                                model.getSimpleName() + "." + field.getName());
                        assertThat(previous).as("bean %s spelt once", field.get(null)).isNull();
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return constants;
    }

    /** Scanned once for all models (the scan reads every class of the application). */
    private static final java.util.function.Supplier<Set<String>> SPRING_BEANS =
            org.springframework.util.function.SingletonSupplier.of(ModelVocabularyTest::springBeanNames);

    private static Set<String> springBeanNames() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        Set<String> names = new TreeSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("org.rightsflow")) {
            names.add(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, registry));
        }
        return names;
    }

    // ------------------------------------------------------------------ staff groups

    @Test
    void everyTaskGoesToAStaffGroupAndEveryGroupThatWorksTasksGetsSome() {
        Set<String> named = new TreeSet<>();
        Pattern groups = Pattern.compile("camunda:candidateGroups=\"([^\"]+)\"");
        for (String resource : ModelFiles.bpmnResources()) {
            Matcher matcher = groups.matcher(ModelFiles.text(resource));
            while (matcher.find()) {
                for (String group : matcher.group(1).split(",")) {
                    assertThat(StaffGroups.TASK_WORKERS).as("%s: candidate group %s", resource, group)
                            .contains(group.strip());
                    named.add(group.strip());
                }
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(StaffGroups.TASK_WORKERS);
        for (Class<?> model : ModelFiles.modelClasses()) {
            for (Field field : model.getFields()) {
                if (field.getName().startsWith("GROUP_")) {
                    try {
                        assertThat(StaffGroups.TASK_WORKERS).as("%s.%s", model.getSimpleName(), field.getName())
                                .contains((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ outcomes

    @Test
    void everyOutcomeAModelComparesOrSetsIsARequestOutcomeAndBack() {
        Set<String> named = new TreeSet<>();
        for (String resource : ModelFiles.bpmnResources()) {
            String model = ModelFiles.text(resource);
            for (Pattern pattern : List.of(OUTCOME_COMPARED, OUTCOME_SET)) {
                Matcher matcher = pattern.matcher(model);
                while (matcher.find()) {
                    assertThat(names(RequestOutcome.values())).as("%s: outcome %s", resource, matcher.group(1))
                            .contains(matcher.group(1));
                    named.add(matcher.group(1));
                }
            }
        }
        List<String> manual = ModelFiles.optionValues(component(ModelFiles.form("Form_ManualFulfilment"), "decision"));
        assertThat(names(RequestOutcome.values())).containsAll(manual);
        named.addAll(manual);
        assertThat(named).containsExactlyInAnyOrderElementsOf(names(RequestOutcome.values()));
    }

    // ------------------------------------------------------------------ codes in the triage decision

    @Test
    void theTriageTableNamesRequestTypesAndRefusalGrounds() {
        for (String resource : ModelFiles.dmnResources()) {
            DmnModelInstance dmn = ModelFiles.dmn(resource);
            for (DecisionTable table : dmn.getModelElementsByType(DecisionTable.class)) {
                List<Input> inputs = List.copyOf(table.getInputs());
                List<Output> outputs = List.copyOf(table.getOutputs());
                for (Rule rule : table.getRules()) {
                    List<String> inputEntries = rule.getInputEntries().stream().map(e -> e.getTextContent()).toList();
                    List<String> outputEntries = rule.getOutputEntries().stream().map(e -> e.getTextContent()).toList();
                    for (int i = 0; i < inputs.size(); i++) {
                        if (VariableNames.REQUEST_TYPE.equals(inputs.get(i).getInputExpression().getTextContent().strip())) {
                            assertThat(names(RequestType.values())).as("%s rule %s: request types", resource, rule.getId())
                                    .containsAll(quoted(inputEntries.get(i)));
                        }
                    }
                    for (int i = 0; i < outputs.size(); i++) {
                        if (VariableNames.SUGGESTED_GROUNDS.equals(outputs.get(i).getName())) {
                            assertThat(names(RefusalGround.values())).as("%s rule %s: grounds", resource, rule.getId())
                                    .containsAll(quoted(outputEntries.get(i)));
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ option lists of the forms

    /**
     * What each option list of a form offers, by its key: the whole vocabulary in its order, or (for the request types
     * intake staff may enter) part of it. A form's {@code decision} is checked against the gateways and listeners
     * that read it by {@code ProcessModelConventionsTest}.
     */
    private static final Map<String, List<String>> WHOLE_VOCABULARY = Map.of(
            VariableNames.GROUNDS, names(RefusalGround.values()),
            VariableNames.REFUSED_CATEGORIES, names(DataCategory.values()),
            StaffIntakeModel.FIELD_DELETION_GROUND, DeletionGround.codes(),
            StaffIntakeModel.FIELD_CONSENT_PURPOSES, ConsentPurpose.codes(),
            StaffIntakeModel.FIELD_RESTRICT_CATEGORIES, names(DataCategory.values()),
            StaffIntakeModel.FIELD_RESTRICT_PURPOSES, ConsentPurpose.codes());
    private static final Map<String, Set<String>> PART_OF_VOCABULARY = Map.of(
            StaffIntakeModel.FIELD_REQUEST_TYPE, new LinkedHashSet<>(names(RequestType.values())),
            StaffIntakeModel.FIELD_LANGUAGE, RequestIntakeService.LANGUAGES,
            StaffIntakeModel.FIELD_RECEIVED_VIA, RequestIntakeService.STAFF_CHANNELS);

    @ParameterizedTest
    @MethodSource("formResources")
    void everyOptionAFormOffersIsACodeOfTheVocabulary(String resource) {
        for (JsonNode component : ModelFiles.components(ModelFiles.form(resource))) {
            List<String> options = ModelFiles.optionValues(component);
            String key = component.path("key").asText();
            if (options.isEmpty() || VariableNames.DECISION.equals(key)) {
                continue;
            }
            if (WHOLE_VOCABULARY.containsKey(key)) {
                assertThat(options).as("%s: %s", resource, key).containsExactlyElementsOf(WHOLE_VOCABULARY.get(key));
            } else {
                assertThat(PART_OF_VOCABULARY).as("%s: the option list %s has a vocabulary here", resource, key)
                        .containsKey(key);
                assertThat(PART_OF_VOCABULARY.get(key)).as("%s: %s", resource, key).containsAll(options);
            }
        }
    }

    @Test
    void theStaffIntakeFormOffersEveryLanguageAndChannel() {
        JsonNode intake = ModelFiles.form(StaffIntakeModel.FORM_STAFF_INTAKE);
        assertThat(ModelFiles.optionValues(component(intake, StaffIntakeModel.FIELD_LANGUAGE)))
                .containsExactlyInAnyOrderElementsOf(RequestIntakeService.LANGUAGES);
        assertThat(ModelFiles.optionValues(component(intake, StaffIntakeModel.FIELD_RECEIVED_VIA)))
                .containsExactlyInAnyOrderElementsOf(RequestIntakeService.STAFF_CHANNELS);
    }

    private static JsonNode component(JsonNode form, String key) {
        return ModelFiles.components(form).stream().filter(c -> key.equals(c.path("key").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + key));
    }

    private static List<String> quoted(String entry) {
        List<String> values = new java.util.ArrayList<>();
        Matcher matcher = QUOTED.matcher(entry == null ? "" : entry);
        while (matcher.find()) {
            if (!matcher.group(1).isEmpty()) {
                values.add(matcher.group(1));
            }
        }
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
