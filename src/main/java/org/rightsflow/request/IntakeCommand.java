package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A new request as the requester (or staff on their behalf) stated it, already shaped but not yet validated.
 *
 * @param onBehalfOf           the relationship named in {@code onBehalfOf.relationship} ({@link FiledAs}), null for
 *                             the account holder's own filing
 * @param relativeContactEmail a close relative's own address ({@code onBehalfOf.contactEmail}): the relative has no
 *                             contact on file, so the notices of their request (never codes) go there
 */
public record IntakeCommand(String type, String accountEmail, String language, JsonNode details, String onBehalfOf,
                            String relativeContactEmail) {

    /** The account holder's own filing. */
    public IntakeCommand(String type, String accountEmail, String language, JsonNode details) {
        this(type, accountEmail, language, details, null, null);
    }

    /** A filing that names who files, without a contact of its own. */
    public IntakeCommand(String type, String accountEmail, String language, JsonNode details, String onBehalfOf) {
        this(type, accountEmail, language, details, onBehalfOf, null);
    }
}
