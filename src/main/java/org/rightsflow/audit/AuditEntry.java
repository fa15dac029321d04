package org.rightsflow.audit;

import java.time.Instant;

/**
 * One entry of the audit chain as it was appended, whether it is still a row of its own or sealed with the other
 * entries of its closed request ({@link AuditEntries#seal}): the same eight fields either way.
 */
public record AuditEntry(long seq, Instant at, String reference, String actor, String action, String detail,
                         String prevHash, String hash) {

    /** The hash recomputed from the entry's fields and the previous hash it names: equal to {@link #hash} if unchanged. */
    public String recomputedHash() {
        return AuditTrail.hash(seq, at, reference, actor, action, detail, prevHash);
    }
}
