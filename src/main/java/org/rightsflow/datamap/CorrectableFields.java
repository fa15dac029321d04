package org.rightsflow.datamap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Which fields a CORRECT request may change ({@code datamap/correctable-fields.json}), each checked against the data
 * map when the application starts: the table must be the subject table or the table of the named category, the
 * column one of its mapped columns. Sensitivity is not configured here but taken from the data map, so that a
 * column marked sensitive there can never be corrected with the weaker rules.
 */
@Component
public class CorrectableFields {

    public static final String LOCATION = "datamap/correctable-fields.json";

    private final Map<String, CorrectableField> byName;

    @org.springframework.beans.factory.annotation.Autowired
    public CorrectableFields(DataMap dataMap) {
        this(dataMap, LOCATION);
    }

    CorrectableFields(DataMap dataMap, String location) {
        this.byName = load(dataMap, location);
    }

    public Optional<CorrectableField> find(String field) {
        return Optional.ofNullable(field == null ? null : byName.get(field));
    }

    public List<CorrectableField> all() {
        return List.copyOf(byName.values());
    }

    /** True when the public field name names a sensitive field. */
    public boolean isSensitive(String field) {
        return find(field).map(CorrectableField::sensitive).orElse(false);
    }

    /** {@code input} may be left out: a field then takes plain text. */
    private record Entry(String field, DataCategory category, String table, String column, CorrectableField.Mask mask,
                         CorrectableField.Input input) {

        CorrectableField.Input inputOrText() {
            return input == null ? CorrectableField.Input.TEXT : input;
        }
    }

    private record Document(String comment, List<Entry> fields) {
    }

    private static Map<String, CorrectableField> load(DataMap dataMap, String location) {
        Document document;
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            document = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, Document.class);
        } catch (IOException e) {
            throw new DataMapException("Correctable fields " + location + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, CorrectableField> fields = new LinkedHashMap<>();
        for (Entry entry : document.fields() == null ? List.<Entry>of() : document.fields()) {
            CorrectableField resolved = resolve(dataMap, entry, location);
            if (fields.put(resolved.field(), resolved) != null) {
                throw new DataMapException("Correctable fields " + location + ": '" + entry.field() + "' twice");
            }
        }
        return Map.copyOf(fields);
    }

    private static CorrectableField resolve(DataMap dataMap, Entry entry, String location) {
        String where = "Correctable fields " + location + ": field '" + entry.field() + "'";
        if (entry.field() == null || entry.category() == null || entry.table() == null || entry.column() == null
                || entry.mask() == null) {
            throw new DataMapException(where + " needs field, category, table, column and mask");
        }
        for (DataSystem system : dataMap.systems()) {
            if (!DataSystem.JDBC.equals(system.connector())) {
                continue;
            }
            SubjectMapping subject = system.subject();
            if (subject != null && entry.category() == DataCategory.ACCOUNT && subject.table().equals(entry.table())) {
                ColumnMapping column = subject.column(entry.column())
                        .orElseThrow(() -> new DataMapException(where + ": column not in the subject mapping"));
                return new CorrectableField(entry.field(), system.id(), entry.category(), entry.table(), entry.column(),
                        subject.idColumn(), column.sensitive(), entry.mask(), column.label(), entry.inputOrText());
            }
            Optional<CategoryMapping> mapping = system.category(entry.category());
            if (mapping.isPresent() && mapping.get().table().equals(entry.table())) {
                ColumnMapping column = mapping.get().column(entry.column())
                        .orElseThrow(() -> new DataMapException(where + ": column not in the category mapping"));
                return new CorrectableField(entry.field(), system.id(), entry.category(), entry.table(), entry.column(),
                        mapping.get().subjectKey(), column.sensitive() || mapping.get().sensitive(), entry.mask(),
                        column.label(), entry.inputOrText());
            }
        }
        throw new DataMapException(where + ": no JDBC system maps table " + entry.table() + " for "
                + entry.category());
    }
}
