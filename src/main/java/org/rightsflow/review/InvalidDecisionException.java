package org.rightsflow.review;

/** A staff decision that breaks a rule; the task stays open and the message is shown in Tasklist. */
public class InvalidDecisionException extends RuntimeException {

    public InvalidDecisionException(String message) {
        super(message);
    }
}
