package org.rightsflow.request;

/** What happened when a request's fulfilment was about to start (Task_StartFulfilment). */
public enum FulfilmentStart {
    /** Fulfilment started: from here on the request can no longer be withdrawn, paused or sent to review. */
    STARTED,
    /** A privacy officer sent the request to the exemption review since it was triaged: it goes there first. */
    REFERRED_TO_REVIEW,
    /** The clock is paused for a clarification: fulfilment waits until the clock runs again. */
    WAITING_FOR_REQUESTER
}
