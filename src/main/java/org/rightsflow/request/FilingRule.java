package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A rule about a filing that needs more than its own fields (the account, today's date, an earlier request): checked
 * by the intake service after the details are valid and before anything is stored, so a broken rule creates nothing.
 * Each right's module contributes its own rules as beans.
 */
public interface FilingRule {

    /**
     * @param accountEmail the normalised email the filing names (the account may not exist: never reveal that)
     * @param details      the validated details, or null
     * @throws InvalidRequestException  (400) when the filing breaks the rule
     * @throws RequestNotFoundException (404) when it names an earlier request that is not the requester's own
     */
    void check(RequestType type, String accountEmail, JsonNode details, Instant now);
}
