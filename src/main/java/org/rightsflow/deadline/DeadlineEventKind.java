package org.rightsflow.deadline;

/** What happened to a request's clock (docs/clock.md): staff extended, paused or resumed it, or calendar data confirmed it. */
public enum DeadlineEventKind {
    /** The due date moved to the later date the policy allows. */
    EXTENDED,
    /** The clock stopped while waiting on the requester. */
    PAUSED,
    /** The clock runs again; the due date moved by the paused duration. */
    RESUMED,
    /**
     * A provisional due date became certain: the calendar data it assumed arrived. The date stays (old = new); the
     * reason names the official count. Recorded by the system, not by staff.
     */
    CONFIRMED
}
