package org.rightsflow.fulfilment.erasure;

import java.time.Instant;
import java.util.List;
import org.rightsflow.datamap.DataCategory;

/**
 * What an erasure does, per category, decided once per request. The plan never refuses on the product's own findings
 * (a DELETE without a stated ground goes to a privacy officer before fulfilment starts).
 *
 * @param keptAfterReview every category the DELETE asked for was kept by an approved partial refusal (two people):
 *                        nothing is erased and the request is refused on the review's own grounds and explanation
 * @param keptRestricted  the kept categories are restricted all the same (kept because deleting them would need
 *                        excessive technical means or is impractical)
 */
public record ErasurePlan(List<Category> categories, boolean keptAfterReview, boolean keptRestricted) {

    public ErasurePlan {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public ErasurePlan(List<Category> categories) {
        this(categories, false, false);
    }

    /** Nothing of what was asked remains after the review: a refusal, on the grounds the review gave. */
    static ErasurePlan allKeptAfterReview(boolean keptRestricted) {
        return new ErasurePlan(List.of(), true, keptRestricted);
    }

    public boolean refused() {
        return keptAfterReview;
    }

    public List<Category> held() {
        return categories.stream().filter(c -> c.action() == ErasureAction.HOLD).toList();
    }

    /**
     * @param rowsNow      rows erased now
     * @param rowsHeld     rows restricted until their retention expires
     * @param retentionEnd when the last held row's retention expires (null when nothing is held)
     */
    public record Category(DataCategory category, ErasureAction action, long rowsNow, long rowsHeld,
                           Instant retentionEnd) {
    }
}
