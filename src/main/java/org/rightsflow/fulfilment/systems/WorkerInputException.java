package org.rightsflow.fulfilment.systems;

/**
 * What a system's worker sent or asked for is refused. The message names the problem (a line number, a column, a
 * category), never a value the worker sent: those are personal data.
 */
public class WorkerInputException extends RuntimeException {

    /** Why: the web layer answers each with its own status. */
    public enum Kind {
        /** Malformed NDJSON, an unknown category or column, a result that does not match the step (400). */
        INVALID,
        /** An upload over the configured size (413). */
        TOO_LARGE,
        /** The step belongs to another system (403). */
        OTHER_SYSTEM,
        /** The step is not open for this worker any more: done, handed to a data operator, its handle expired (409). */
        NOT_OPEN
    }

    private final Kind kind;
    private final String code;

    public WorkerInputException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
