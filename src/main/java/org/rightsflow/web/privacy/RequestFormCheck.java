package org.rightsflow.web.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.fulfilment.correction.CorrectionChoices;
import org.rightsflow.request.RequestType;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The rules of one right's form, beside the constraints every form has ({@link RequestForm}): the constraints of the
 * right's groups, and for CORRECT the rows checked against the data map ({@link CorrectionChoices}) — the detail
 * chosen must be one the form offers, chosen once, and the value must be of its kind and fit its column. Problems are
 * field errors whose first argument is the label that names the field, so that the page lists them as the other
 * problems (the intake service checks the filing again, as it does for the API).
 */
@Component
class RequestFormCheck {

    private final CorrectionChoices corrections;
    private final SmartValidator constraints;

    RequestFormCheck(CorrectionChoices corrections, jakarta.validation.Validator beanValidation) {
        this.corrections = corrections;
        this.constraints = new SpringValidatorAdapter(beanValidation);
    }

    /** The validator a binder adds for the form of {@code right}. */
    Validator of(RequestType right) {
        return new Validator() {
            @Override
            public boolean supports(Class<?> type) {
                return RequestForm.class.isAssignableFrom(type);
            }

            @Override
            public void validate(Object target, Errors errors) {
                RequestForm form = (RequestForm) target;
                Object[] groups = groups(right, form);
                if (groups.length > 0) {
                    constraints.validate(form, errors, groups);
                }
                if (right == RequestType.CORRECT) {
                    corrections(form, errors);
                }
            }
        };
    }

    /** The groups of constraints that apply to the right's form, besides the default group. */
    private static Object[] groups(RequestType right, RequestForm form) {
        return switch (right) {
            case TRANSFER -> new Object[] {RequestForm.Transfer.class};
            case WITHDRAW_CONSENT -> new Object[] {RequestForm.WithdrawConsent.class};
            case RESTRICT -> form.lifts() ? new Object[] {RequestForm.LiftRestriction.class} : new Object[0];
            case EXPLAIN -> new Object[] {RequestForm.Explain.class};
            default -> new Object[0];
        };
    }

    private void corrections(RequestForm form, Errors errors) {
        Set<String> chosen = new HashSet<>();
        int rows = 0;
        for (int i = 0; i < RequestForm.CORRECTION_ROWS; i++) {
            String field = form.getFields().get(i).strip();
            String value = corrections.normalise(field, form.getCorrectedValues().get(i));
            String fieldInput = "field" + i;
            Object fieldLabel = new DefaultMessageSourceResolvable(new String[] {"form.correct.field"},
                    new Object[] {i + 1});
            if (field.isEmpty() && value.isEmpty()) {
                continue;
            }
            rows++;
            if (field.isEmpty()) {
                errors.rejectValue(fieldInput, "problem.correct.choose", new Object[] {fieldLabel}, null);
                continue;
            }
            Optional<CorrectionChoices.Choice> choice = corrections.find(field);
            if (choice.isEmpty()) {
                errors.rejectValue(fieldInput, "problem.correct.unknown", new Object[] {fieldLabel}, null);
                continue;
            }
            LocalizedText label = choice.get().field().label();
            if (!chosen.add(field)) {
                errors.rejectValue(fieldInput, "problem.correct.twice", new Object[] {fieldLabel, label}, null);
                continue;
            }
            Optional<CorrectionChoices.Problem> problem = corrections.check(field, value);
            if (problem.isPresent()) {
                CorrectionChoices.Problem p = problem.get();
                String valueInput = "value" + i;
                switch (p.kind()) {
                    case EMPTY -> errors.rejectValue(valueInput, "problem.required", new Object[] {label}, null);
                    case TOO_LONG -> errors.rejectValue(valueInput, "problem.tooLong",
                            new Object[] {label, p.limit(), p.typed()}, null);
                    case NOT_A_DATE -> errors.rejectValue(valueInput, "problem.date", new Object[] {label}, null);
                    case NOT_A_PHONE -> errors.rejectValue(valueInput, "problem.phone", new Object[] {label}, null);
                    case NOT_AN_EMAIL -> errors.rejectValue(valueInput, "problem.email", new Object[] {label}, null);
                    case CONTROL_CHARACTERS -> errors.rejectValue(valueInput, "problem.control", new Object[] {label},
                            null);
                    case UNKNOWN_FIELD -> errors.rejectValue(fieldInput, "problem.correct.unknown",
                            new Object[] {fieldLabel}, null);
                }
            }
        }
        if (rows == 0) {
            errors.rejectValue("field0", "problem.correct.none",
                    new Object[] {new DefaultMessageSourceResolvable("form.correct.legend")}, null);
        }
    }

    /** Correctable fields for the form's choice, with their labels in the page's language. */
    List<CorrectionOption> options(Locale locale) {
        return corrections.all().stream().map(c -> new CorrectionOption(c.name(), c.field().category().name(),
                c.field().label().in(locale), c.field().input().name(), c.maxLength(), c.field().sensitive())).toList();
    }

    /** A correctable field as the form offers it. */
    public record CorrectionOption(String name, String category, String label, String input, int maxLength,
                                   boolean sensitive) {
    }
}
