package org.rightsflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/** Reads variables whose Java type depends on who wrote them (a form, the REST API, a test). */
public final class ProcessVariables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessVariables() {
    }

    public static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    /**
     * A whole number typed into a form: Tasklist's number field sends a Long or a Double, the REST API a number or a
     * string. Null when empty.
     *
     * @throws org.rightsflow.review.InvalidDecisionException when it is not a whole number (the task stays open)
     */
    public static Long wholeNumber(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return new java.math.BigDecimal(value.toString().trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new org.rightsflow.review.InvalidDecisionException(name + " must be a whole number");
        }
    }

    /**
     * A list of codes: Tasklist's checklist sends JSON, the REST API may send a JSON string, a test a Java list,
     * a DMN output a comma-separated string.
     */
    public static List<String> stringList(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value instanceof SpinJsonNode spin) {
            return fromJson(spin.toString());
        }
        String text = value.toString().trim();
        if (text.startsWith("[")) {
            return fromJson(text);
        }
        return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> fromJson(String json) {
        try {
            List<String> codes = new ArrayList<>();
            for (JsonNode item : JSON.readTree(json)) {
                codes.add(item.asText());
            }
            return codes;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON list of codes");
        }
    }
}
