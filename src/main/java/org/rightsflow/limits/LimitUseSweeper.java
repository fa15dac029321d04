package org.rightsflow.limits;

import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counted uses older than the longest window of any limit count for nothing: deleted every hour, with the subjects
 * (keyed HMACs of a contact or client) they leave without a use.
 */
@Component
class LimitUseSweeper {

    private final Limits limits;
    private final LimitProperties properties;

    LimitUseSweeper(Limits limits, LimitProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void sweep() {
        limits.sweep(properties.longestWindow().plus(Duration.ofHours(1)));
    }
}
