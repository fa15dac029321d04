package org.rightsflow.limits;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import jakarta.validation.constraints.Positive;
import org.rightsflow.common.PropertyDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The abuse limits (README, "Security"). Each is counted in the database per subject, so it holds on every node.
 *
 * @param wrongCodesPerAccountPerDay wrong codes over all requests of one account email in any 24 hours; past it every
 *                                   open request of the account goes to intake staff and no new code is sent
 * @param openUnverifiedPerAccount   requests of one account email waiting for their codes at once; a further filing
 *                                   gets the same answer but no code, and goes to intake staff with the others
 * @param messagesPerContactPerHour  codes, resends and reminders to one contact address (email or phone) in any hour
 * @param messagesPerContactPerDay   the same in any 24 hours
 * @param filingsPerClientPerMinute  filings from one client address in any minute (then 429 {@code RATE_LIMITED})
 * @param filingsPerClientPerHour    filings from one client address in any hour
 * @param signInFailuresPerClient    failed staff sign-ins from one client address per {@code signInFailureWindow};
 *                                   then that client's sign-ins are refused (429) until the window frees up, while the
 *                                   staff account itself is never locked
 * @param signInFailureWindow        the window of {@code signInFailuresPerClient}
 */
@Validated
@ConfigurationProperties(prefix = LimitProperties.PREFIX)
public record LimitProperties(@DefaultValue("10") @Positive Integer wrongCodesPerAccountPerDay,
                              @DefaultValue("3") @Positive Integer openUnverifiedPerAccount,
                              @DefaultValue("5") @Positive Integer messagesPerContactPerHour,
                              @DefaultValue("10") @Positive Integer messagesPerContactPerDay,
                              @DefaultValue("5") @Positive Integer filingsPerClientPerMinute,
                              @DefaultValue("30") @Positive Integer filingsPerClientPerHour,
                              @DefaultValue("10") @Positive Integer signInFailuresPerClient,
                              @DefaultValue("15m") Duration signInFailureWindow) {

    static final String PREFIX = "rightsflow.limits";
    public static final Duration DAY = Duration.ofHours(24);

    /** The defaults of the README. */
    public static LimitProperties defaults() {
        return PropertyDefaults.of(PREFIX, LimitProperties.class);
    }

    public Limit wrongCodes() {
        return Limit.of("WRONG_CODES_PER_ACCOUNT", wrongCodesPerAccountPerDay, DAY);
    }

    public Limit messages() {
        return new Limit("MESSAGES_PER_CONTACT", List.of(new Limit.Window(messagesPerContactPerHour, Duration.ofHours(1)),
                new Limit.Window(messagesPerContactPerDay, DAY)));
    }

    public Limit filings() {
        return new Limit("FILINGS_PER_CLIENT", List.of(new Limit.Window(filingsPerClientPerMinute, Duration.ofMinutes(1)),
                new Limit.Window(filingsPerClientPerHour, Duration.ofHours(1))));
    }

    public Limit signInFailures() {
        return Limit.of("SIGN_IN_FAILURES_PER_CLIENT", signInFailuresPerClient, signInFailureWindow);
    }

    /** Uses older than this count in no window. */
    public Duration longestWindow() {
        return Stream.of(wrongCodes(), messages(), filings(), signInFailures())
                .map(Limit::longestWindow).max(Duration::compareTo).orElseThrow();
    }
}
