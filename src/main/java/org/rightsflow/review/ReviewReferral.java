package org.rightsflow.review;

import java.time.Instant;

/**
 * A privacy officer sent a request to the exemption review.
 *
 * @param reason     staff text, kept in the application's table only
 * @param reviewedAt when an exemption review that took the referral up was completed; null while it waits
 */
public record ReviewReferral(long id, String requestId, String reference, String referredBy, String reason,
                             Instant referredAt, Instant reviewedAt) {
}
