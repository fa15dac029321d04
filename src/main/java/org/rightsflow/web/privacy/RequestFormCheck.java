package org.rightsflow.web.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.fulfilment.correction.CorrectionChoices;
import org.rightsflow.request.EmailAddresses;
import org.rightsflow.request.RequestType;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Checks a Privacy Center form before it is filed, field by field, so that every problem names its field in the
 * page's language and nothing typed is lost or cut (the intake service checks the filing again, as it does for the
 * API). Limits are the contract's: an email of at most 254 characters, a recipient name of at most 200, a
 * correction value of at most its field's length.
 */
@Component
class RequestFormCheck {

    static final int MAX_EMAIL = 254;
    static final int MAX_RECIPIENT_NAME = 200;

    private final MessageSource messages;
    private final CorrectionChoices corrections;

    RequestFormCheck(MessageSource messages, CorrectionChoices corrections) {
        this.messages = messages;
        this.corrections = corrections;
    }

    FieldProblems check(RequestType right, PrivacyCenterController.FormValues v, Locale locale) {
        FieldProblems problems = new FieldProblems(messages, locale);
        email(problems, "accountEmail", problems.text("form.accountEmail"), v.accountEmail.strip());
        switch (right) {
            case TRANSFER -> {
                text(problems, "recipientName", problems.text("form.transfer.recipientName"), v.recipientName,
                        MAX_RECIPIENT_NAME);
                email(problems, "recipientEmail", problems.text("form.transfer.recipientEmail"), v.recipientEmail);
            }
            case WITHDRAW_CONSENT -> {
                if (v.purposes.isEmpty()) {
                    problems.add("purpose-" + PrivacyCenterController.PURPOSES.get(0),
                            problems.text("form.withdraw.purposes"), "problem.purposes");
                }
            }
            case CORRECT -> corrections(problems, v, locale);
            case RESTRICT -> {
                if ("lift".equals(v.restrictAction) && v.liftReference.isBlank()) {
                    problems.add("liftReference", problems.text("form.restrict.liftReference"), "problem.required");
                }
            }
            case EXPLAIN -> text(problems, "question", problems.text("form.explain.question"),
                    v.question.replace("\r\n", "\n"), org.rightsflow.request.RequestDetailsValidator.MAX_QUESTION_LENGTH);
            default -> {
            }
        }
        return problems;
    }

    private void corrections(FieldProblems problems, PrivacyCenterController.FormValues v, Locale locale) {
        Set<String> chosen = new HashSet<>();
        int rows = 0;
        for (int i = 0; i < PrivacyCenterController.CORRECTION_ROWS; i++) {
            String field = v.fields.get(i).strip();
            String value = corrections.normalise(field, v.correctedValues.get(i));
            String fieldLabel = problems.text("form.correct.field", i + 1);
            if (field.isEmpty() && value.isEmpty()) {
                continue;
            }
            rows++;
            if (field.isEmpty()) {
                problems.add("field" + i, fieldLabel, "problem.correct.choose");
                continue;
            }
            Optional<CorrectionChoices.Choice> choice = corrections.find(field);
            if (choice.isEmpty()) {
                problems.add("field" + i, fieldLabel, "problem.correct.unknown");
                continue;
            }
            if (!chosen.add(field)) {
                problems.add("field" + i, fieldLabel, "problem.correct.twice", label(choice.get(), locale));
                continue;
            }
            String label = label(choice.get(), locale);
            Optional<CorrectionChoices.Problem> problem = corrections.check(field, value);
            if (problem.isPresent()) {
                CorrectionChoices.Problem p = problem.get();
                String id = "value" + i;
                switch (p.kind()) {
                    case EMPTY -> problems.add(id, label, "problem.required");
                    case TOO_LONG -> problems.add(id, label, "problem.tooLong", p.limit(), p.typed());
                    case NOT_A_DATE -> problems.add(id, label, "problem.date");
                    case NOT_A_PHONE -> problems.add(id, label, "problem.phone");
                    case NOT_AN_EMAIL -> problems.add(id, label, "problem.email");
                    case CONTROL_CHARACTERS -> problems.add(id, label, "problem.control");
                    case UNKNOWN_FIELD -> problems.add("field" + i, fieldLabel, "problem.correct.unknown");
                }
            }
        }
        if (rows == 0) {
            problems.add("field0", problems.text("form.correct.legend"), "problem.correct.none");
        }
    }

    static String label(CorrectionChoices.Choice choice, Locale locale) {
        LocalizedText label = choice.field().label();
        return label.in(locale);
    }

    private static void email(FieldProblems problems, String id, String label, String value) {
        if (value.isEmpty()) {
            problems.add(id, label, "problem.required");
        } else if (length(value) > MAX_EMAIL) {
            problems.add(id, label, "problem.tooLong", MAX_EMAIL, length(value));
        } else if (!EmailAddresses.isValid(value)) {
            problems.add(id, label, "problem.email");
        }
    }

    private static void text(FieldProblems problems, String id, String label, String value, int max) {
        if (value.isBlank()) {
            problems.add(id, label, "problem.required");
        } else if (length(value) > max) {
            problems.add(id, label, "problem.tooLong", max, length(value));
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            problems.add(id, label, "problem.control");
        }
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** Correctable fields for the form's choice, with their labels in the page's language. */
    List<CorrectionOption> options(Locale locale) {
        return corrections.all().stream().map(c -> new CorrectionOption(c.name(), c.field().category().name(),
                label(c, locale), c.field().input().name(), c.maxLength(), c.field().sensitive())).toList();
    }

    /** A correctable field as the form offers it. */
    public record CorrectionOption(String name, String category, String label, String input, int maxLength,
                                   boolean sensitive) {
    }
}
