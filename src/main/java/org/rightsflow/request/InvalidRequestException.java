package org.rightsflow.request;

/** Bad input from a requester: carries the machine-readable code of the problem answer. */
public class InvalidRequestException extends RuntimeException {

    private final String code;

    public InvalidRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
