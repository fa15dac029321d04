package org.rightsflow.request;

import java.util.List;

/**
 * What each system did for a request, one line per system in the request's language, for the result notice
 * (fulfilment's per-system steps provide it).
 */
public interface SystemResults {

    List<String> perSystem(String requestId, String language);
}
