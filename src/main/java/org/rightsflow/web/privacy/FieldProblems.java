package org.rightsflow.web.privacy;

import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.rightsflow.datamap.LocalizedText;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

/**
 * What is wrong with a form, field by field, in the page's language: each message starts with the name of the field
 * it is about (as its label reads) and the page links it to that field. One message per field, the first thing to fix,
 * kept in the order of the form ({@link RequestForm#INPUTS}).
 *
 * <p>A message is the bundle's {@code problem.*} text for the field error, its first argument the field's label:
 * <ul>
 *   <li>a constraint's error (Bean Validation): the key is the constraint's message, the label that of the input
 *       ({@link RequestForm#LABELS}), then what the constraint reported ({@link FormConstraints});</li>
 *   <li>a value the binder could not convert (the only typed input is a date): {@code problem.date};</li>
 *   <li>an error of {@link RequestFormCheck}: its code and its arguments, which start with the label (a data map
 *       label is given in both languages and read here in the page's).</li>
 * </ul>
 */
public final class FieldProblems {

    /** One problem: the id of the input it is about, and the whole message. */
    public record Problem(String id, String text) {
    }

    private final Map<String, Problem> byId = new LinkedHashMap<>();

    private FieldProblems() {
    }

    static FieldProblems of(Errors errors, MessageSource messages, Locale locale) {
        FieldProblems problems = new FieldProblems();
        Set<String> inputs = new LinkedHashSet<>(RequestForm.INPUTS);
        errors.getFieldErrors().forEach(e -> inputs.add(e.getField()));
        for (String input : inputs) {
            FieldError error = errors.getFieldError(input); // the first error of the field: the first thing to fix
            if (error != null) {
                String id = RequestForm.anchor(input);
                problems.byId.put(id, new Problem(id, text(error, messages, locale)));
            }
        }
        return problems;
    }

    private static String text(FieldError error, MessageSource messages, Locale locale) {
        if (error.contains(ConstraintViolation.class)) {
            ConstraintViolation<?> violation = error.unwrap(ConstraintViolation.class);
            return messages.getMessage(violation.getMessageTemplate(), withLabel(error.getField(),
                    FormConstraints.argumentsOf(violation)), locale);
        }
        if (error.isBindingFailure()) {
            return messages.getMessage("problem.date", withLabel(error.getField()), locale);
        }
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        return messages.getMessage(error.getCode(), Arrays.stream(args)
                .map(a -> a instanceof LocalizedText text ? text.in(locale) : a).toArray(), locale);
    }

    private static Object[] withLabel(String input, Object... more) {
        String key = RequestForm.LABELS.getOrDefault(input, input);
        return Stream.concat(Stream.of(new DefaultMessageSourceResolvable(new String[] {key}, key)),
                Arrays.stream(more)).toArray();
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    public List<Problem> list() {
        return new ArrayList<>(byId.values());
    }

    /** Message per input id, for the message shown beside the input. */
    public Map<String, String> byField() {
        Map<String, String> map = new LinkedHashMap<>();
        byId.forEach((id, p) -> map.put(id, p.text()));
        return map;
    }
}
