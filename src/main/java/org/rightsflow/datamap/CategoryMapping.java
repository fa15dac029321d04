package org.rightsflow.datamap;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/**
 * How one system holds one data category: the table, its subject key, the columns, and what
 * the privacy statement says about it (source, purpose, legal basis, retention, sharing).
 *
 * @param table            the table (or, for a non-JDBC system, the collection) holding the rows
 * @param idColumn         the row identifier (rows are streamed in its order)
 * @param subjectKey       the column holding the account id
 * @param restrictedColumn the boolean column that marks a row as restricted (storage and security only)
 * @param sensitive        whether the category is sensitive personal information (PIPL Art. 28)
 * @param retention        the legal retention rule, or null when there is none
 * @param columns          the columns that make up the category, in export order
 * @param consentBased     what of the category rests on a consent alone, per purpose, and how it is erased once that
 *                         consent is withdrawn (empty: nothing)
 * @param blocksCancellation rows that must be settled before the account can be cancelled (null: none)
 * @param consentRegister  CONSENTS only: the columns of a consent register, where a withdrawal is recorded
 */
public record CategoryMapping(
        DataCategory category,
        String table,
        String idColumn,
        String subjectKey,
        String restrictedColumn,
        @JsonProperty(required = true) boolean sensitive,
        LocalizedText label,
        LocalizedText description,
        LocalizedText source,
        LocalizedText purpose,
        LegalBasisRef legalBasis,
        RetentionRule retention,
        EraseRule erase,
        List<ThirdParty> thirdParties,
        List<ColumnMapping> columns,
        List<ConsentBasedData> consentBased,
        CancellationBlocker blocksCancellation,
        ConsentRegisterColumns consentRegister) {

    public CategoryMapping {
        thirdParties = thirdParties == null ? List.of() : List.copyOf(thirdParties);
        columns = columns == null ? List.of() : List.copyOf(columns);
        consentBased = consentBased == null ? List.of() : List.copyOf(consentBased);
    }

    /** A mapping with nothing resting on consent alone. */
    public CategoryMapping(DataCategory category, String table, String idColumn, String subjectKey,
                           String restrictedColumn, boolean sensitive, LocalizedText label, LocalizedText description,
                           LocalizedText source, LocalizedText purpose, LegalBasisRef legalBasis,
                           RetentionRule retention, EraseRule erase, List<ThirdParty> thirdParties,
                           List<ColumnMapping> columns) {
        this(category, table, idColumn, subjectKey, restrictedColumn, sensitive, label, description, source, purpose,
                legalBasis, retention, erase, thirdParties, columns, List.of(), null, null);
    }

    public Optional<RetentionRule> retentionRule() {
        return Optional.ofNullable(retention);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnMapping::name).toList();
    }

    /** What of the category rests on consent to the purpose alone, if anything. */
    public Optional<ConsentBasedData> consentBased(String purpose) {
        return consentBased.stream().filter(c -> c.purpose().equals(purpose)).findFirst();
    }

    public Optional<ColumnMapping> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
