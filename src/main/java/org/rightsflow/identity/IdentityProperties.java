package org.rightsflow.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param codeValidity how long a one-time code works
 * @param maxAttempts  wrong codes allowed per request before it is locked and handed to intake staff
 */
@ConfigurationProperties(prefix = "rightsflow.identity")
public record IdentityProperties(Duration codeValidity, Integer maxAttempts) {

    public IdentityProperties {
        codeValidity = codeValidity == null ? Duration.ofMinutes(15) : codeValidity;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
    }
}
