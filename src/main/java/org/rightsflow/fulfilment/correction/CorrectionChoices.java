package org.rightsflow.fulfilment.correction;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.rightsflow.datamap.ConnectorOperation;
import org.rightsflow.datamap.CorrectableField;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.request.EmailAddresses;

/**
 * What a requester may ask to correct, as a form offers it: the correctable fields of the data map with their
 * labels, the kind of value each takes and the longest value it holds; and the check of one typed value against
 * its field, so that a mistyped value is named and explained while the requester is still at the form rather than
 * found days later by the correction's own checks (which still run: a filing through the API is checked there).
 */
@org.springframework.stereotype.Service
public class CorrectionChoices {

    /** The longest correction value the request contract accepts (details.corrections[].value). */
    public static final int MAX_VALUE_LENGTH = 500;

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s()-]");

    /** A field as offered: its public name, category, labels, kind of input, longest value, and sensitivity. */
    public record Choice(CorrectableField field, int maxLength) {

        public String name() {
            return field.field();
        }
    }

    /** What is wrong with a typed value; {@code limit} and {@code typed} are set for {@link Kind#TOO_LONG}. */
    public record Problem(Kind kind, int limit, int typed) {

        public enum Kind { UNKNOWN_FIELD, EMPTY, TOO_LONG, NOT_A_DATE, NOT_A_PHONE, NOT_AN_EMAIL, CONTROL_CHARACTERS }

        static Problem of(Kind kind) {
            return new Problem(kind, 0, 0);
        }
    }

    private final CorrectableFields fields;
    private final DataConnectors connectors;
    private final Map<String, Integer> widths = new ConcurrentHashMap<>();

    public CorrectionChoices(CorrectableFields fields, DataConnectors connectors) {
        this.fields = fields;
        this.connectors = connectors;
    }

    /** Every correctable field in the order of the configuration. */
    public List<Choice> all() {
        return fields.all().stream().map(f -> new Choice(f, maxLength(f))).toList();
    }

    public Optional<Choice> find(String field) {
        return fields.find(field).map(f -> new Choice(f, maxLength(f)));
    }

    /**
     * The value as it will be stored: surrounding blanks removed, and a phone number without the spaces, brackets and
     * hyphens people type to group digits.
     */
    public String normalise(String field, String value) {
        String v = value == null ? "" : value.strip();
        return fields.find(field).filter(f -> f.input() == CorrectableField.Input.PHONE)
                .map(f -> PHONE_SEPARATORS.matcher(v).replaceAll("")).orElse(v);
    }

    /** What is wrong with {@code value} (already {@linkplain #normalise normalised}) for the field, if anything. */
    public Optional<Problem> check(String field, String value) {
        Optional<Choice> choice = find(field);
        if (choice.isEmpty()) {
            return Optional.of(Problem.of(Problem.Kind.UNKNOWN_FIELD));
        }
        String v = value == null ? "" : value;
        if (v.isBlank()) {
            return Optional.of(Problem.of(Problem.Kind.EMPTY));
        }
        int length = v.codePointCount(0, v.length());
        if (length > choice.get().maxLength()) {
            return Optional.of(new Problem(Problem.Kind.TOO_LONG, choice.get().maxLength(), length));
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return Optional.of(Problem.of(Problem.Kind.CONTROL_CHARACTERS));
        }
        return switch (choice.get().field().input()) {
            case DATE -> isDate(v) ? Optional.empty() : Optional.of(Problem.of(Problem.Kind.NOT_A_DATE));
            case PHONE -> PHONE.matcher(v).matches() ? Optional.empty() : Optional.of(Problem.of(Problem.Kind.NOT_A_PHONE));
            case EMAIL -> EmailAddresses.isValid(v) ? Optional.empty()
                    : Optional.of(Problem.of(Problem.Kind.NOT_AN_EMAIL));
            case TEXT, ADDRESS -> Optional.empty();
        };
    }

    private static boolean isDate(String v) {
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The contract's limit, or the column's width where that is smaller (asked once per field). A system that cannot
     * be asked just now gets the contract's limit for this answer: the correction's own checks still compare the value
     * with the column before anything is written.
     */
    private int maxLength(CorrectableField field) {
        Integer known = widths.get(field.field());
        if (known != null) {
            return known;
        }
        int limit;
        try {
            SystemConnector connector = connectors.connector(field.systemId());
            OptionalInt width = connector.supports(ConnectorOperation.CORRECT) ? connector.maxLength(field)
                    : OptionalInt.empty();
            limit = width.isPresent() && width.getAsInt() > 0 ? Math.min(width.getAsInt(), MAX_VALUE_LENGTH)
                    : MAX_VALUE_LENGTH;
        } catch (RuntimeException systemDown) {
            return MAX_VALUE_LENGTH;
        }
        widths.put(field.field(), limit);
        return limit;
    }
}
