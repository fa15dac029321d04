package org.rightsflow.process.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every file of {@code processes/} and {@code forms/} as the application deploys them (from the classpath, where the
 * build copies both folders), for the tests that check conventions and vocabulary over all of them: a new model or
 * form is checked without anyone adding it to a list.
 */
final class ModelFiles {

    private static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /** Resource names ({@code processes/rights-request.bpmn}) of every BPMN model. */
    static List<String> bpmnResources() {
        return resources("processes", "*.bpmn");
    }

    /** Resource names of every DMN decision. */
    static List<String> dmnResources() {
        return resources("processes", "*.dmn");
    }

    /** Resource names ({@code forms/Form_ExemptionReview.form}) of every Camunda Form. */
    static List<String> formResources() {
        return resources("forms", "*.form");
    }

    /** File names ({@code Form_ExemptionReview.form}) of every Camunda Form. */
    static List<String> formFileNames() {
        return formResources().stream().map(resource -> resource.substring("forms/".length())).toList();
    }

    static BpmnModelInstance bpmn(String resource) {
        try (InputStream in = open(resource)) {
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DmnModelInstance dmn(String resource) {
        try (InputStream in = open(resource)) {
            return Dmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form's JSON by its resource name or by its id ({@code Form_ExemptionReview}). */
    static JsonNode form(String resourceOrId) {
        String resource = resourceOrId.startsWith("forms/") ? resourceOrId : "forms/" + resourceOrId + ".form";
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every component of a form, those inside groups included. */
    static List<JsonNode> components(JsonNode form) {
        List<JsonNode> all = new ArrayList<>();
        collect(form.get("components"), all);
        return all;
    }

    private static void collect(JsonNode components, List<JsonNode> into) {
        for (JsonNode component : components) {
            into.add(component);
            if (component.has("components")) {
                collect(component.get("components"), into);
            }
        }
    }

    /** The option values of a select, radio or checklist (empty when its options come from a variable). */
    static List<String> optionValues(JsonNode component) {
        List<String> values = new ArrayList<>();
        component.path("values").forEach(value -> values.add(value.get("value").asText()));
        return values;
    }

    /** Every class of constants of a model ({@code process/model/*Model}). */
    static List<Class<?>> modelClasses() {
        try {
            Resource[] classes = RESOLVER.getResources("classpath*:org/rightsflow/process/model/*Model.class");
            List<Class<?>> models = new ArrayList<>();
            for (Resource found : classes) {
                String file = found.getFilename();
                models.add(Class.forName("org.rightsflow.process.model." + file.substring(0, file.length() - 6)));
            }
            assertThat(models).hasSizeGreaterThanOrEqualTo(bpmnResources().size());
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return in;
    }

    private static List<String> resources(String folder, String pattern) {
        try {
            Resource[] found = RESOLVER.getResources("classpath*:" + folder + "/" + pattern);
            List<String> names = Arrays.stream(found).map(resource -> folder + "/" + resource.getFilename())
                    .distinct().sorted(Comparator.naturalOrder()).toList();
            assertThat(names).as("files in %s/", folder).isNotEmpty();
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
