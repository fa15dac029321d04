package org.rightsflow.datamap;

import java.time.Instant;

/**
 * When a subject's rows of a category that a retention rule holds expire.
 *
 * @param nextExpiry when the first of them passes its retention (rows whose period has not started count as
 *                   starting now): the deferred erasure's next run
 * @param lastExpiry when the last of them does: what the requester is told as "restricted until"
 */
public record RetentionWindow(Instant nextExpiry, Instant lastExpiry) {
}
