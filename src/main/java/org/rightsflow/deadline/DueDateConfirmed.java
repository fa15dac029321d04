package org.rightsflow.deadline;

/**
 * A provisional due date became certain (the calendar data it assumed arrived); the date itself did not move.
 * Published in the transaction that cleared the flag, so that the workflow's copy of the flag follows.
 */
public record DueDateConfirmed(String requestId, String reference) {
}
