package org.rightsflow.web.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * What is wrong with a form, field by field, in the page's language: each message starts with the name of the field
 * it is about (as its label reads) and the page links it to that field. Kept in the order of the form.
 */
public final class FieldProblems {

    /** One problem: the id of the input it is about, and the whole message. */
    public record Problem(String id, String text) {
    }

    private final MessageSource messages;
    private final Locale locale;
    private final Map<String, Problem> byId = new LinkedHashMap<>();

    FieldProblems(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** Adds the message {@code key} about the field {@code id} named {@code label} (the first message argument). */
    void add(String id, String label, String key, Object... more) {
        if (byId.containsKey(id)) {
            return; // one message per field: the first thing to fix
        }
        Object[] args = new Object[more.length + 1];
        args[0] = label;
        System.arraycopy(more, 0, args, 1, more.length);
        byId.put(id, new Problem(id, messages.getMessage(key, args, locale)));
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, locale);
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
