package org.rightsflow.request;

import java.util.Arrays;
import java.util.List;

/**
 * The purposes a requester consented to and may withdraw or restrict (docs/rights.md, WITHDRAW_CONSENT and RESTRICT):
 * the codes of the consent registers, of {@code datamap/consent-purposes.json} and of {@code details.purposes}. The one
 * spelling of these codes: the API's validation, the Privacy Center's choices (in this order), the sweep's check and
 * the staff intake form's options use it (a test compares the form with it).
 */
public enum ConsentPurpose {
    MARKETING,
    PERSONALISED_RECOMMENDATIONS,
    BEHAVIOUR_COOKIES,
    AFFILIATE_SHARING,
    MARKETPLACE_SHARING,
    FACE_RECOGNITION;

    /** The codes in the order a requester is offered them. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
