package org.rightsflow.limits;

import java.time.Duration;

/**
 * The answer of {@link Limits#tryUse}: allowed (the use is counted), or refused with the time after which the
 * oldest counted use leaves its window.
 *
 * @param allowed    the use was counted
 * @param remaining  uses still allowed in the tightest window after this one (0 once it is full)
 * @param retryAfter when a refused use would be allowed again; zero when allowed
 */
public record Admission(boolean allowed, int remaining, Duration retryAfter) {

    static Admission allowed(int remaining) {
        return new Admission(true, remaining, Duration.ZERO);
    }

    static Admission refused(Duration retryAfter) {
        return new Admission(false, 0, retryAfter);
    }

    /** Whole seconds to wait, at least 1: the value of a {@code Retry-After} header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
