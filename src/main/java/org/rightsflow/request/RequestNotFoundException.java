package org.rightsflow.request;

/** No request with this reference, or a token that does not open it: the same answer for both. */
public class RequestNotFoundException extends RuntimeException {

    public RequestNotFoundException() {
        super("No request with this reference and status token");
    }

    public RequestNotFoundException(String message) {
        super(message);
    }
}
