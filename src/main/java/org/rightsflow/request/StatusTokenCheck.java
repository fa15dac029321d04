package org.rightsflow.request;

import org.springframework.stereotype.Component;

/**
 * Opens a request for a requester who presents its status token (the check every requester action starts with; not
 * to be confused with the ACCESS right). An unknown reference and a wrong token get the
 * same answer, so references cannot be probed.
 */
@Component
public class StatusTokenCheck {

    private final RequestRepository requests;

    public StatusTokenCheck(RequestRepository requests) {
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
