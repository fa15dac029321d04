package org.rightsflow.fulfilment.systems;

import java.util.List;
import java.util.Optional;
import org.rightsflow.datamap.DataCategory;

/**
 * What a system's step did: per category ({@link CategoryOutcome}); for a data operator's step the number of records
 * they recorded; for a correction the numbers of the changes written.
 */
public record StepOutcome(List<CategoryOutcome> categories, Long records, List<Integer> changes) {

    public StepOutcome {
        categories = categories == null ? List.of() : List.copyOf(categories);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static StepOutcome of(List<CategoryOutcome> categories) {
        return new StepOutcome(categories, null, List.of());
    }

    public Optional<CategoryOutcome> category(DataCategory category) {
        return categories.stream().filter(c -> c.category() == category).findFirst();
    }

    public long rows() {
        return categories.stream().mapToLong(CategoryOutcome::rows).sum() + (records == null ? 0 : records);
    }
}
