package org.rightsflow.datamap;

/** The data map is invalid or does not match the systems it describes. Start-up fails with it. */
public class DataMapException extends IllegalStateException {

    public DataMapException(String message) {
        super(message);
    }

    public DataMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
