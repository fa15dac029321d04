package org.rightsflow.fulfilment.cancellation;

import java.time.Instant;

/**
 * The bounds of an account cancellation.
 *
 * @param cancellationDeadline the stricter of the request's due date and 15 mainland working days after receipt
 *                             (CN_WORKING_DAYS): the whole handling ends before it
 * @param blockersDeadline     how long a blocked cancellation waits for the requester: the cooling-off period and
 *                             a margin still fit before the cancellation deadline
 */
public record CancellationSchedule(Instant cancellationDeadline, Instant blockersDeadline) {
}
