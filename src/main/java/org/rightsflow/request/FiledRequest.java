package org.rightsflow.request;

/** The answer to an intake: the request and its status token (the only time the token is handed out). */
public record FiledRequest(RightsRequest request, String statusToken) {
}
