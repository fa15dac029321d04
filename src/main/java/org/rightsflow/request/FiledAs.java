package org.rightsflow.request;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who filed a request, as the filing states it ({@code onBehalfOf.relationship} in the API): the account holder; a
 * guardian on behalf of a minor (for a child under 14 every request is the guardian's, whatever the filing says; a
 * minor of 14 to 17 may file alone or through the guardian, and then the guardian's contact on file gets the codes);
 * or a close relative of a deceased account holder (PIPL Art. 49), whom intake staff verify by hand from evidence.
 */
public enum FiledAs {
    ACCOUNT_HOLDER,
    GUARDIAN,
    CLOSE_RELATIVE_OF_DECEASED;

    /** The relationships a filing may name in {@code onBehalfOf.relationship}. */
    public static Optional<FiledAs> fromRelationship(String code) {
        return Arrays.stream(values()).filter(v -> v != ACCOUNT_HOLDER && v.name().equals(code)).findFirst();
    }
}
