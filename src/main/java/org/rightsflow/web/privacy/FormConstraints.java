package org.rightsflow.web.privacy;

import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.hibernate.validator.engine.HibernateConstraintViolation;

/**
 * How the form's own constraints ({@link RequiredText}, {@link RequiredEmail}) report what they find: one problem, the
 * first thing to fix, as its key in the message bundles and the arguments that follow the field's label (a limit and
 * what was typed). The key is the violation's message template, the arguments its dynamic payload.
 */
final class FormConstraints {

    private FormConstraints() {
    }

    /** Reports the problem {@code key} with {@code args} after the label; always false (not valid). */
    static boolean report(ConstraintValidatorContext context, String key, Object... args) {
        context.unwrap(HibernateConstraintValidatorContext.class).withDynamicPayload(args);
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(key).addConstraintViolation();
        return false;
    }

    /**
     * Reports a missing or too long value, in that order; true when the value is there and short enough. Lengths are
     * counted as a reader counts characters (code points: a Chinese character or an emoji is one), not in UTF-16 units.
     */
    static boolean filledWithin(String value, int max, ConstraintValidatorContext context) {
        if (value.isBlank()) {
            return report(context, "problem.required");
        }
        int length = value.codePointCount(0, value.length());
        return length <= max || report(context, "problem.tooLong", max, length);
    }

    /** The arguments a constraint of this form reported after the label (none for a standard constraint). */
    static Object[] argumentsOf(ConstraintViolation<?> violation) {
        HibernateConstraintViolation<?> reported = violation.unwrap(HibernateConstraintViolation.class);
        Object[] args = reported.getDynamicPayload(Object[].class);
        return args == null ? new Object[0] : args;
    }
}
