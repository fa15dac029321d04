package org.rightsflow.deadline;

import java.time.Instant;

/**
 * One change of a request's clock, as recorded.
 *
 * @param statusBefore PAUSED only: the status the request returns to on resume
 * @param reason       staff text, never requester text
 */
public record DeadlineEvent(long id, String requestId, DeadlineEventKind kind, String reason, Instant oldDueAt,
                            Instant newDueAt, String statusBefore, String staffUser, Instant at) {
}
