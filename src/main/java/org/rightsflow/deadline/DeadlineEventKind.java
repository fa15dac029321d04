package org.rightsflow.deadline;

/** What staff did to a request's clock (docs/clock.md). */
public enum DeadlineEventKind {
    /** The due date moved to the later date the policy allows. */
    EXTENDED,
    /** The clock stopped while waiting on the requester. */
    PAUSED,
    /** The clock runs again; the due date moved by the paused duration. */
    RESUMED
}
