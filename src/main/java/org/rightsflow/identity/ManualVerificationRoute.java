package org.rightsflow.identity;

/**
 * How a request that intake staff must verify reaches them (process variable {@code manualVerificationRoute}).
 */
public enum ManualVerificationRoute {
    /** A task of its own: entered by staff, or the first of its account's requests to need staff. */
    TASK,
    /**
     * The account already has an open manual verification: the request joins it and shares its decision. Anyone
     * locking or flooding an account's requests therefore makes one intake task, not one per request.
     */
    JOIN,
    /**
     * No account matches: there is nothing for staff to check. The request waits until its verification window
     * ends, answering the requester exactly as a known account's request would.
     */
    WAIT,
    /**
     * The account's intake task of the day was already decided: the request waits until the next day (Beijing time)
     * and is routed again then, so that an account's requests make at most one intake task a day however often they
     * are locked.
     */
    DEFER
}
