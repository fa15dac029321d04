package org.rightsflow.fulfilment.erasure;

import java.time.Instant;
import org.rightsflow.datamap.DataCategory;

/**
 * A category held by a retention rule in one system, erased by a DeferredErasureProcess when {@code retentionEnd}
 * comes. {@code systemId} is null for a hold recorded before holds were kept per system (every system mapping the
 * category).
 */
public record ErasureHold(String id, String requestId, String systemId, long accountId, DataCategory category,
                          Instant retentionEnd, boolean erased) {
}
