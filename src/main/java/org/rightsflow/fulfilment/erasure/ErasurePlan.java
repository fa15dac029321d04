package org.rightsflow.fulfilment.erasure;

import java.time.Instant;
import java.util.List;
import org.rightsflow.datamap.DataCategory;

/**
 * What an erasure does, per category, decided once per request.
 *
 * @param refusalGround       set when the request is refused (DELETION_GROUND_MISSING); then nothing is erased
 * @param refusalExplanation  the explanation the requester is told, in the request's language
 */
public record ErasurePlan(String refusalGround, String refusalExplanation, List<Category> categories) {

    public ErasurePlan {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public boolean refused() {
        return refusalGround != null;
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
