package org.rightsflow.deadline;

/**
 * Calendar data that cannot be trusted: the message names the source (file or resource) and the line, so that the
 * administrator can fix it. The data in force stays as it was.
 */
public class InvalidCalendarDataException extends RuntimeException {

    private final String source;
    private final int line;

    InvalidCalendarDataException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** 1-based; 0 where the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
