package org.rightsflow.request;

import java.util.Arrays;
import java.util.List;

/**
 * The grounds on which the law has us delete personal information on request (PIPL Art. 47; docs/rights.md, DELETE),
 * as a requester may state one in {@code details.ground}. The one spelling of these codes: the API's validation, the
 * Privacy Center's choices (in this order), the triage fact and the staff intake form's options use it (a test
 * compares the form with it). Stating none is allowed: a privacy officer then reviews the request.
 */
public enum DeletionGround {
    PURPOSE_FULFILLED_OR_UNNECESSARY,
    SERVICE_ENDED_OR_RETENTION_EXPIRED,
    CONSENT_WITHDRAWN,
    UNLAWFUL_PROCESSING,
    OTHER_LEGAL_GROUND;

    /** The codes in the order a requester is offered them. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
