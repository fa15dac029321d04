package org.rightsflow.request;

/** The request is in a state that does not allow the action (e.g. withdrawal after fulfilment started). */
public class RequestStateConflictException extends RuntimeException {

    private final String code;

    public RequestStateConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
