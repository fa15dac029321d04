package org.rightsflow.datamap;

import java.util.List;

/**
 * Rows of a category that must be settled before the account can be cancelled (for example bills with status
 * {@code UNPAID}): the rows whose {@code column} holds one of {@code values}.
 */
public record CancellationBlocker(String column, List<String> values) {

    public CancellationBlocker {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
