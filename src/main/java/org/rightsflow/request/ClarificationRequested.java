package org.rightsflow.request;

import java.time.Instant;

/**
 * Published in the transaction of a pause: the workflow waits for the answer until {@code answerBy}, the date the
 * requester's notice names (after it, the request is closed).
 */
public record ClarificationRequested(String requestId, String reference, Instant answerBy) {
}
