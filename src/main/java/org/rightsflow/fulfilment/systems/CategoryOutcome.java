package org.rightsflow.fulfilment.systems;

import java.time.Instant;
import org.rightsflow.datamap.DataCategory;

/**
 * What a system's step did with one category of the subject: rows held or read ({@code rows}), erased, restricted
 * (storage and security only) and, for restricted rows, when the first and the last of them passes its retention.
 */
public record CategoryOutcome(DataCategory category, long rows, long erased, long restricted, Instant nextExpiry,
                              Instant lastExpiry) {

    public static CategoryOutcome counted(DataCategory category, long rows) {
        return new CategoryOutcome(category, rows, 0, 0, null, null);
    }
}
