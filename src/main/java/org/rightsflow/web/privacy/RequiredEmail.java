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
import org.rightsflow.request.EmailAddresses;

/**
 * An email address a form requires: filled in, at most {@code max} characters (code points), and an address by the
 * same plain check as the requester API's ({@link EmailAddresses}, which {@code @Email} does not share). Surrounding
 * blanks do not count. Only the first of these problems is reported, in that order.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RequiredEmail.Check.class)
public @interface RequiredEmail {

    int max();

    String message() default "problem.email";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<RequiredEmail, String> {

        private int max;

        @Override
        public void initialize(RequiredEmail constraint) {
            max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String address = value == null ? "" : value.strip();
            if (!FormConstraints.filledWithin(address, max, context)) {
                return false;
            }
            return EmailAddresses.isValid(address) || FormConstraints.report(context, "problem.email");
        }
    }
}
