package org.rightsflow.identity;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.rightsflow.common.PropertyDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param codeValidity       how long a one-time code works
 * @param maxAttempts        wrong codes allowed per request before it is locked and handed to intake staff
 * @param resendInterval     the shortest time between two rounds of codes for one request
 * @param maxResends         new rounds of codes a requester may ask for, per request
 * @param contactChangeHold  how long after a change of the email or phone on file a copy, transfer or account
 *                           cancellation is verified by hand only (whoever changed the contact receives the codes)
 */
@Validated
@ConfigurationProperties(prefix = IdentityProperties.PREFIX)
public record IdentityProperties(@DefaultValue("15m") Duration codeValidity,
                                 @DefaultValue("5") @Positive Integer maxAttempts,
                                 @DefaultValue("60s") Duration resendInterval,
                                 @DefaultValue("3") @PositiveOrZero Integer maxResends,
                                 @DefaultValue("7d") Duration contactChangeHold) {

    static final String PREFIX = "rightsflow.identity";

    /** The defaults of docs/verification.md. */
    public static IdentityProperties defaults() {
        return PropertyDefaults.of(PREFIX, IdentityProperties.class);
    }
}
