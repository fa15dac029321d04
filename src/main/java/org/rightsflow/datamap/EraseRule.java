package org.rightsflow.datamap;

import java.util.List;

/** How a category (or the subject record) is erased: the strategy and the columns it touches. */
public record EraseRule(EraseStrategy strategy, List<ColumnErasure> columns) {

    public EraseRule {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnErasure::column).toList();
    }
}
