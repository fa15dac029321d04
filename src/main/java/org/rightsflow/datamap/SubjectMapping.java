package org.rightsflow.datamap;

import java.util.List;
import java.util.Optional;

/**
 * The subject's own record in a system (the built-in account system: table {@code account}),
 * which the categories' subject keys point to. It belongs to the ACCOUNT category for people;
 * it is described separately because it is one row per subject, not a list of rows.
 *
 * @param idColumn    the account id
 * @param emailColumn the registered (lower-case) email address
 * @param columns     the personal-data columns (internal flags such as legal hold are not listed)
 * @param erase       how the record is erased when the account is cancelled
 */
public record SubjectMapping(
        String table,
        String idColumn,
        String emailColumn,
        LocalizedText label,
        List<ColumnMapping> columns,
        EraseRule erase) {

    public SubjectMapping {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnMapping::name).toList();
    }

    public Optional<ColumnMapping> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
