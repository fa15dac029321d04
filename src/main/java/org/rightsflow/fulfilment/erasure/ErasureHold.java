package org.rightsflow.fulfilment.erasure;

import java.time.Instant;
import org.rightsflow.datamap.DataCategory;

/** A category held by a retention rule, erased by a DeferredErasureProcess when {@code retentionEnd} comes. */
public record ErasureHold(String id, String requestId, long accountId, DataCategory category, Instant retentionEnd,
                          boolean erased) {
}
