package org.rightsflow.fulfilment.cancellation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rightsflow.cancellation.*}.
 *
 * @param coolingOff the cooling-off period in which the requester can revoke a cancellation (docs/rights.md: 7 days)
 * @param margin     time kept free before the cancellation deadline for deactivation and erasure: a blocked
 *                   cancellation waits at most until deadline - cooling-off - margin
 */
@ConfigurationProperties(prefix = "rightsflow.cancellation")
public record CancellationProperties(@DefaultValue("7d") Duration coolingOff, @DefaultValue("1d") Duration margin) {
}
