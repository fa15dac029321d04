package org.rightsflow.fulfilment.systems;

import java.time.Instant;
import java.util.List;

/**
 * What a step needs beyond its operation, system and categories; no personal data.
 *
 * @param at       the instant retention is judged at (erasure), fixed when the step is planned
 * @param holdId   the erasure hold a deferred erasure runs for
 * @param purposes consent purposes (WITHDRAW_CONSENT)
 * @param restrictOnly ERASE: categories kept after review on excessive technical means or impracticality, which are
 *                 restricted (storage and security only) and never erased
 */
public record StepParameters(Instant at, String holdId, List<String> purposes, List<String> restrictOnly) {

    public StepParameters {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        restrictOnly = restrictOnly == null ? List.of() : List.copyOf(restrictOnly);
    }

    public StepParameters(Instant at, String holdId, List<String> purposes) {
        this(at, holdId, purposes, List.of());
    }

    public static StepParameters none() {
        return new StepParameters(null, null, List.of());
    }

    public StepParameters at(Instant instant) {
        return new StepParameters(instant, holdId, purposes, restrictOnly);
    }

    /** ERASE: a category kept after review that is restricted, not erased. */
    public boolean restrictOnly(org.rightsflow.datamap.DataCategory category) {
        return restrictOnly.contains(category.name());
    }
}
