package org.rightsflow.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * The application's notion of "now", in milliseconds so that a value survives a round trip through
 * any database unchanged (the audit chain hashes timestamps). Tests may replace the clock.
 */
@Component
public class TimeSource {

    private volatile Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public void useClock(Clock clock) {
        this.clock = clock;
    }
}
