package org.rightsflow.operations.timeline;

import java.time.Instant;

/**
 * An audit entry of the request with what checking it found; the same whether the entry is a row of its own or sealed
 * with the closed request's other entries (AuditEntries).
 *
 * @param hashMatches its hash recomputed from its fields equals the stored one (the entry was not changed)
 * @param linked      the entry before it in the chain, a row or sealed with whichever request it belongs to, has the
 *                    hash this one names as previous (nothing was removed or inserted just before it)
 */
public record AuditRecord(long seq, Instant at, String actor, String action, String detail, String prevHash,
                          String hash, boolean hashMatches, boolean linked) {

    public boolean intact() {
        return hashMatches && linked;
    }
}
