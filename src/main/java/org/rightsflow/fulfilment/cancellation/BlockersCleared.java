package org.rightsflow.fulfilment.cancellation;

/** The account system reports that what blocked a cancellation was settled: check again now, not tomorrow. */
public record BlockersCleared(String requestId, String reference) {
}
