package org.rightsflow.datamap;

import java.time.Instant;
import java.time.Period;

/**
 * A legal retention period: the rows of a category must be kept at least {@code period} after
 * the instant in column {@code countsFrom} (the transaction or event time), in Asia/Shanghai
 * calendar terms. A row whose anchor is still NULL (for example an invoice not yet issued)
 * has not started its retention period yet and is treated as within it.
 *
 * @param period      for example {@code P6M} or {@code P3Y}
 * @param countsFrom  the timestamp column the period counts from
 * @param basis       the law that requires it, for people
 * @param description the rule in words, for people
 */
public record RetentionRule(Period period, String countsFrom, LocalizedText basis, LocalizedText description) {

    /** The first instant at which a row anchored at {@code anchor} may be erased. */
    public Instant expiresAt(Instant anchor) {
        return anchor.atZone(DataMap.ZONE).plus(period).toInstant();
    }

    /** Whether a row anchored at {@code anchor} (null: not started) is past its retention at {@code now}. */
    public boolean hasExpired(Instant anchor, Instant now) {
        return anchor != null && !now.isBefore(expiresAt(anchor));
    }
}
