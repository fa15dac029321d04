package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A new request as the requester (or staff on their behalf) stated it, already shaped but not yet validated.
 *
 * @param onBehalfOf the relationship named in {@code onBehalfOf.relationship} ({@link FiledAs}), null for the account
 *                   holder's own filing
 */
public record IntakeCommand(String type, String accountEmail, String language, JsonNode details, String onBehalfOf) {

    /** The account holder's own filing. */
    public IntakeCommand(String type, String accountEmail, String language, JsonNode details) {
        this(type, accountEmail, language, details, null);
    }
}
