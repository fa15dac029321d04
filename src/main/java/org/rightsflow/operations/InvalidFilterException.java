package org.rightsflow.operations;

/**
 * A filter, period or page the staff asked for that cannot be answered (a bad date, an unknown status, a page too
 * large): the page shows the message, the API answers 400 with the code.
 */
public class InvalidFilterException extends RuntimeException {

    private final String code;
    private final String field;

    public InvalidFilterException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    /** The parameter at fault (for the page to mark it). */
    public String field() {
        return field;
    }
}
