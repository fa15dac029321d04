package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rightsflow.datamap.DataCategory;
import org.springframework.stereotype.Component;

/**
 * Validates the {@code details} of a request per type (docs/api.md) and rejects what the contract does not name.
 * Missing deletion grounds are accepted here on purpose: the law makes that a reasoned refusal
 * ({@code DELETION_GROUND_MISSING}), not a form error.
 */
@Component
public class RequestDetailsValidator {

    public static final Set<String> DELETION_GROUNDS = inOrder(DeletionGround.codes());
    public static final Set<String> CONSENT_PURPOSES = inOrder(ConsentPurpose.codes());
    public static final Set<String> DATA_CATEGORIES =
            inOrder(Arrays.stream(DataCategory.values()).map(Enum::name).toList());
    /** What an EXPLAIN question may be about (docs/rights.md, EXPLAIN); the officer's draft answer follows them. */
    public static final Set<String> EXPLAIN_TOPICS = inOrder(ExplainTopic.codes());
    public static final int MAX_QUESTION_LENGTH = 2000;
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");
    private static final int MAX_CORRECTIONS = 20;
    private static final int MAX_VALUE_LENGTH = 500;

    /** The codes as a set that keeps their order (the error messages list them as a requester is offered them). */
    private static Set<String> inOrder(List<String> codes) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(codes));
    }

    /** @param details the JSON object or null/missing */
    public void validate(RequestType type, JsonNode details) {
        boolean absent = details == null || details.isNull() || details.isMissingNode();
        if (!absent && !details.isObject()) {
            throw invalid("details must be a JSON object");
        }
        switch (type) {
            case CORRECT -> corrections(absent ? null : details);
            case DELETE -> deletion(absent ? null : details);
            case TRANSFER -> transfer(absent ? null : details);
            case WITHDRAW_CONSENT -> purposes(absent ? null : details);
            case EXPLAIN -> question(absent ? null : details);
            case RESTRICT -> restriction(absent ? null : details);
            default -> {
                if (!absent && details.size() > 0) {
                    throw new InvalidRequestException("UNKNOWN_FIELD", "A " + type + " request takes no details");
                }
            }
        }
    }

    private void corrections(JsonNode details) {
        if (details == null) {
            throw invalid("A CORRECT request needs details.corrections");
        }
        onlyFields(details, Set.of("corrections"));
        JsonNode list = details.get("corrections");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_CORRECTIONS) {
            throw invalid("details.corrections must list 1 to " + MAX_CORRECTIONS + " changes");
        }
        for (JsonNode change : list) {
            if (!change.isObject()) {
                throw invalid("each correction is an object with field and value");
            }
            onlyFields(change, Set.of("field", "value"));
            String field = text(change, "field", 64);
            if (!FIELD_NAME.matcher(field).matches()) {
                throw invalid("correction field names are letters, digits, '_' and '.'");
            }
            text(change, "value", MAX_VALUE_LENGTH);
        }
    }

    private void deletion(JsonNode details) {
        if (details == null) {
            return;
        }
        onlyFields(details, Set.of("ground", "categories"));
        JsonNode ground = details.get("ground");
        if (ground != null && !ground.isNull() && !(ground.isTextual() && DELETION_GROUNDS.contains(ground.asText()))) {
            throw invalid("details.ground must be one of " + DELETION_GROUNDS);
        }
        JsonNode categories = details.get("categories");
        if (categories != null && !categories.isNull()) {
            codes(categories, DATA_CATEGORIES, "details.categories");
        }
    }

    private void transfer(JsonNode details) {
        if (details == null) {
            throw invalid("A TRANSFER request needs details.recipientName and details.recipientEmail");
        }
        onlyFields(details, Set.of("recipientName", "recipientEmail"));
        text(details, "recipientName", 200);
        String email = text(details, "recipientEmail", 254);
        if (!EmailAddresses.isValid(email)) {
            throw invalid("details.recipientEmail is not an email address");
        }
    }

    private void purposes(JsonNode details) {
        if (details == null) {
            throw invalid("A WITHDRAW_CONSENT request needs details.purposes");
        }
        onlyFields(details, Set.of("purposes"));
        codes(details.get("purposes"), CONSENT_PURPOSES, "details.purposes");
    }

    /**
     * EXPLAIN: the question (line breaks allowed, as a text area sends them) and optional topics. The question is
     * stored with the request and shown to staff as plain text; it never enters the engine or a notice.
     */
    private void question(JsonNode details) {
        if (details == null) {
            throw invalid("An EXPLAIN request needs details.question");
        }
        onlyFields(details, Set.of("question", "topics"));
        JsonNode question = details.get("question");
        if (question == null || !question.isTextual() || question.asText().isBlank()) {
            throw invalid("details.question must be a non-empty string");
        }
        String text = question.asText();
        if (text.codePointCount(0, text.length()) > MAX_QUESTION_LENGTH
                || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw invalid("details.question must be at most " + MAX_QUESTION_LENGTH + " printable characters");
        }
        JsonNode topics = details.get("topics");
        if (topics != null && !topics.isNull()) {
            codes(topics, EXPLAIN_TOPICS, "details.topics");
        }
    }

    /**
     * RESTRICT: categories and purposes (none: all), an optional end date (yyyy-MM-dd, checked against today by
     * {@code FilingRule}s), or a lift of the requester's earlier restriction ({@code lift: true} and its reference,
     * nothing else).
     */
    private void restriction(JsonNode details) {
        if (details == null) {
            return; // every category, for every purpose, until lifted
        }
        JsonNode lift = details.get("lift");
        if (lift != null && !lift.isNull() && !lift.isBoolean()) {
            throw invalid("details.lift must be true or false");
        }
        if (lift != null && lift.asBoolean()) {
            onlyFields(details, Set.of("lift", "reference"));
            JsonNode reference = details.get("reference");
            if (reference == null || !reference.isTextual() || !REFERENCE.matcher(reference.asText()).matches()) {
                throw invalid("details.reference must be the reference of the restriction to lift (RR-YYYYMMDD-NNNN)");
            }
            return;
        }
        onlyFields(details, Set.of("categories", "purposes", "until", "lift"));
        JsonNode categories = details.get("categories");
        if (categories != null && !categories.isNull()) {
            codes(categories, DATA_CATEGORIES, "details.categories");
        }
        JsonNode purposes = details.get("purposes");
        if (purposes != null && !purposes.isNull()) {
            codes(purposes, CONSENT_PURPOSES, "details.purposes");
        }
        JsonNode until = details.get("until");
        if (until != null && !until.isNull()) {
            try {
                java.time.LocalDate.parse(until.isTextual() ? until.asText() : "");
            } catch (java.time.format.DateTimeParseException e) {
                throw invalid("details.until must be a date (yyyy-MM-dd)");
            }
        }
    }

    private static final Pattern REFERENCE = Pattern.compile("RR-\\d{8}-\\d{4,6}");

    private static void codes(JsonNode node, Set<String> allowed, String name) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw invalid(name + " must be a non-empty list of " + allowed);
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !allowed.contains(item.asText()) || !seen.add(item.asText())) {
                throw invalid(name + " must list distinct values of " + allowed);
            }
        }
    }

    private static String text(JsonNode node, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " must be a non-empty string");
        }
        String text = value.asText();
        if (text.length() > maxLength || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw invalid(field + " must be at most " + maxLength + " printable characters");
        }
        return text;
    }

    static void onlyFields(JsonNode node, Set<String> allowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException("UNKNOWN_FIELD", "Unknown field: " + printable(name));
            }
        }
    }

    /** Field names come from the requester: keep them short and printable in answers. */
    static String printable(String name) {
        String cleaned = name.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("INVALID_DETAILS", message);
    }
}
