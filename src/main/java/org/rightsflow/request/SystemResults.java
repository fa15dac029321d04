package org.rightsflow.request;

import java.util.List;

/**
 * What each system did for a request, one line per system in the request's language, for the result notice
 * (fulfilment's per-system steps provide it).
 */
public interface SystemResults {

    List<String> perSystem(String requestId, String language);

    /**
     * The data categories a refusal (in part or in full, approved by a second person) kept from a deletion and that
     * were restricted instead (storage and security only) in the systems that hold them, in plain words of the
     * request's language. Empty when nothing was.
     */
    List<String> keptRestricted(String requestId, String language);
}
