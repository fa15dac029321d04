package org.rightsflow.request;

import java.util.Arrays;
import java.util.List;

/**
 * What an EXPLAIN question may be about (docs/rights.md, EXPLAIN), as {@code details.topics}; the officer's draft
 * answer follows them. The one spelling of these codes for the API's validation and the Privacy Center's choices.
 */
public enum ExplainTopic {
    CATEGORIES,
    PURPOSES,
    LEGAL_BASIS,
    RETENTION,
    RECIPIENTS,
    AUTOMATED_DECISIONS,
    EXERCISING_RIGHTS;

    /** The codes in the order a requester is offered them. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
