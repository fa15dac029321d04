package org.rightsflow.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param codeValidity       how long a one-time code works
 * @param maxAttempts        wrong codes allowed per request before it is locked and handed to intake staff
 * @param resendInterval     the shortest time between two rounds of codes for one request
 * @param maxResends         new rounds of codes a requester may ask for, per request
 * @param contactChangeHold  how long after a change of the email or phone on file a copy, transfer or account
 *                           cancellation is verified by hand only (whoever changed the contact receives the codes)
 */
@ConfigurationProperties(prefix = "rightsflow.identity")
public record IdentityProperties(Duration codeValidity, Integer maxAttempts, Duration resendInterval,
                                 Integer maxResends, Duration contactChangeHold) {

    public IdentityProperties {
        codeValidity = codeValidity == null ? Duration.ofMinutes(15) : codeValidity;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        resendInterval = resendInterval == null ? Duration.ofSeconds(60) : resendInterval;
        maxResends = maxResends == null ? 3 : maxResends;
        contactChangeHold = contactChangeHold == null ? Duration.ofDays(7) : contactChangeHold;
    }

    /** The defaults of docs/verification.md. */
    public static IdentityProperties defaults() {
        return new IdentityProperties(null, null, null, null, null);
    }
}
