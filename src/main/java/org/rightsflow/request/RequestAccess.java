package org.rightsflow.request;

import org.springframework.stereotype.Component;

/**
 * Opens a request for a requester who presents its status token. An unknown reference and a wrong token get the
 * same answer, so references cannot be probed.
 */
@Component
public class RequestAccess {

    private final RequestRepository requests;

    public RequestAccess(RequestRepository requests) {
        this.requests = requests;
    }

    public RightsRequest open(String reference, String statusToken) {
        if (reference == null || reference.length() > 20) {
            throw new RequestNotFoundException();
        }
        String storedHash = requests.statusTokenHash(reference).orElse(null);
        // Hash the presented token even when the reference is unknown: the same work either way.
        boolean matches = StatusTokens.matches(statusToken, storedHash == null ? "0".repeat(64) : storedHash);
        if (storedHash == null || !matches) {
            throw new RequestNotFoundException();
        }
        return requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
    }
}
