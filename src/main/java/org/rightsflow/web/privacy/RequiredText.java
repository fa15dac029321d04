package org.rightsflow.web.privacy;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a form requires: filled in, at most {@code max} characters counted in code points ({@code @Size} counts UTF-16
 * units, and a requester counts Chinese characters), and no control characters but line breaks. Only the first of
 * these problems is reported, in that order.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RequiredText.Check.class)
public @interface RequiredText {

    int max();

    String message() default "problem.required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<RequiredText, String> {

        private int max;

        @Override
        public void initialize(RequiredText constraint) {
            max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String text = value == null ? "" : value;
            if (!FormConstraints.filledWithin(text, max, context)) {
                return false;
            }
            return text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n')
                    || FormConstraints.report(context, "problem.control");
        }
    }
}
