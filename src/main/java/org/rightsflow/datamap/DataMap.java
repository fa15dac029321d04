package org.rightsflow.datamap;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data map: the declarative description of every system holding personal data (docs/data-map.md
 * section 5). Loaded from JSON documents (one system each; default
 * {@code classpath:datamap/account-system.json}) and validated when the application starts:
 * an unknown category, a column referenced by a retention or erase rule that the category
 * does not list, a missing zh-CN/en label or a malformed name stops the start with a
 * {@link DataMapException} that says which document and which entry is wrong. Whether the
 * tables and columns really exist is checked by the connector that reads them
 * ({@link JdbcConnector#verifySchema()}).
 */
@Component
public class DataMap {

    /** The built-in account system, in the application's own database. */
    public static final String ACCOUNT_SYSTEM = "classpath:datamap/account-system.json";
    /** The demo's billing system: payments, bills and invoices in a database of its own. */
    public static final String BILLING_SYSTEM = "classpath:datamap/billing-system.json";
    /** The documents read when {@code rightsflow.datamap.locations} is not set. */
    public static final String[] DEFAULT_LOCATIONS = {ACCOUNT_SYSTEM, BILLING_SYSTEM};
    /** The zone of the product's calendar (retention periods, ages, deadlines). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern SYSTEM_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** A consent purpose code as the consent register keeps it (account_consent.purpose). */
    private static final Pattern CONSENT_PURPOSE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern CONNECTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final List<DataSystem> systems;

    @Autowired
    public DataMap(DataMapProperties properties, ResourceLoader resourceLoader) {
        this(resolve(properties.locations(), resourceLoader));
    }

    private DataMap(List<Resource> documents) {
        if (documents.isEmpty()) {
            throw new DataMapException("Data map: no documents configured (rightsflow.datamap.locations)");
        }
        List<DataSystem> loaded = new ArrayList<>();
        for (Resource document : documents) {
            loaded.add(validate(parse(document), document.getDescription()));
        }
        validateTogether(loaded);
        this.systems = List.copyOf(loaded);
    }

    /** Loads and validates the documents at the given locations (for tests and tools). */
    public static DataMap load(String... locations) {
        return new DataMap(resolve(Arrays.asList(locations), new DefaultResourceLoader()));
    }

    /** Loads and validates the given documents. */
    public static DataMap fromResources(List<? extends Resource> documents) {
        return new DataMap(List.copyOf(documents));
    }

    public List<DataSystem> systems() {
        return systems;
    }

    public Optional<DataSystem> system(String id) {
        return systems.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The system that holds the subjects' own records (the built-in account system). */
    public DataSystem subjectSystem() {
        return systems.stream().filter(s -> s.subject() != null).findFirst().orElseThrow();
    }

    public SubjectMapping subject() {
        return subjectSystem().subject();
    }

    /** Every mapping, in category order and then system order. */
    public List<MappedCategory> mappings() {
        List<MappedCategory> all = new ArrayList<>();
        for (DataCategory category : DataCategory.values()) {
            all.addAll(mappings(category));
        }
        return all;
    }

    /** The systems that hold a category, with their mapping (at least one for each category). */
    public List<MappedCategory> mappings(DataCategory category) {
        List<MappedCategory> found = new ArrayList<>();
        for (DataSystem system : systems) {
            system.category(category).ifPresent(m -> found.add(new MappedCategory(system, m)));
        }
        return found;
    }

    /** Whether any system holds the category as sensitive personal information. */
    public boolean isSensitive(DataCategory category) {
        return mappings(category).stream().anyMatch(m -> m.mapping().sensitive());
    }

    public Set<DataCategory> sensitiveCategories() {
        Set<DataCategory> sensitive = EnumSet.noneOf(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            if (isSensitive(category)) {
                sensitive.add(category);
            }
        }
        return Collections.unmodifiableSet(sensitive);
    }

    // ---------------------------------------------------------------- loading

    private static List<Resource> resolve(List<String> locations, ResourceLoader loader) {
        List<Resource> documents = new ArrayList<>();
        var resolver = ResourcePatternUtils.getResourcePatternResolver(loader);
        for (String location : locations == null ? List.<String>of() : locations) {
            try {
                Resource[] found = resolver.getResources(location.trim());
                List<Resource> existing = Arrays.stream(found).filter(Resource::exists).toList();
                if (existing.isEmpty()) {
                    throw new DataMapException("Data map: no document found at '" + location + "'");
                }
                documents.addAll(existing);
            } catch (IOException e) {
                throw new DataMapException("Data map: cannot resolve '" + location + "': " + e.getMessage(), e);
            }
        }
        return documents;
    }

    private static DataSystem parse(Resource document) {
        String name = document.getDescription();
        try (InputStream in = document.getInputStream()) {
            DataSystem system = JSON.readValue(in, DataSystem.class);
            if (system == null) {
                throw new DataMapException("Data map " + name + ": the document is empty");
            }
            return system;
        } catch (InvalidFormatException e) {
            if (e.getTargetType() == DataCategory.class) {
                throw new DataMapException("Data map " + name + ": unknown data category '" + e.getValue() + "' at "
                        + path(e) + "; known categories: " + Arrays.toString(DataCategory.values()), e);
            }
            throw new DataMapException("Data map " + name + ": invalid value at " + path(e) + ": "
                    + e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            throw new DataMapException("Data map " + name + ": invalid entry at " + path(e) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataMapException("Data map " + name + ": cannot read the document: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(document root)" : path.toString();
    }

    // ---------------------------------------------------------------- validation

    private static DataSystem validate(DataSystem system, String document) {
        Problems problems = new Problems("Data map " + document);
        if (system.id() == null || !SYSTEM_ID.matcher(system.id()).matches()) {
            problems.add("system id '" + system.id() + "' must match " + SYSTEM_ID.pattern());
        }
        problems.text("system label", system.label());
        if (system.connector() == null || system.connector().isBlank()) {
            problems.add("system '" + system.id() + "' names no connector (jdbc, manual or a connector's system id)");
        }
        if (system.connection() != null) {
            if (!DataSystem.JDBC.equals(system.connector())) {
                problems.add("connection: only a jdbc system names a database connection");
            } else if (!CONNECTION_NAME.matcher(system.connection()).matches()) {
                problems.add("connection '" + system.connection() + "' must match " + CONNECTION_NAME.pattern());
            }
        }
        if (system.worker() != null) {
            if (!system.isExternalTask()) {
                problems.add("worker: only an external-task system has a worker");
            } else if (system.worker().timeLimit().isNegative() || system.worker().timeLimit().isZero()) {
                problems.add("worker.timeLimit must be a positive ISO-8601 duration such as PT15M");
            }
        }
        if (system.subject() != null) {
            validateSubject(system.subject(), problems);
            if (system.connection() != null) {
                problems.add("subject: the system holding the subject record lives in the application's database"
                        + " (it names no connection)");
            }
        }
        if (system.categories().isEmpty()) {
            problems.add("system '" + system.id() + "' maps no category");
        }
        Set<DataCategory> seen = EnumSet.noneOf(DataCategory.class);
        for (int i = 0; i < system.categories().size(); i++) {
            CategoryMapping mapping = system.categories().get(i);
            if (mapping == null || mapping.category() == null) {
                problems.add("categories[" + i + "] has no category");
                continue;
            }
            if (!seen.add(mapping.category())) {
                problems.add("category " + mapping.category() + " is mapped twice in system '" + system.id() + "'");
            }
            validateCategory(mapping, problems.within("category " + mapping.category()));
            if (DataSystem.JDBC.equals(system.connector()) && mapping.restrictedColumn() == null) {
                // restriction (storage and security only) must be possible in every system the application writes
                problems.within("category " + mapping.category()).add("restrictedColumn is required in a jdbc system"
                        + " (the boolean column that marks a row restricted: storage and security only)");
            }
        }
        problems.throwIfAny();
        return system;
    }

    private static void validateSubject(SubjectMapping subject, Problems all) {
        Problems problems = all.within("subject");
        problems.identifier("table", subject.table());
        problems.identifier("idColumn", subject.idColumn());
        problems.identifier("emailColumn", subject.emailColumn());
        problems.text("label", subject.label());
        List<String> columns = validateColumns(subject.columns(), problems);
        if (subject.emailColumn() != null && !columns.contains(subject.emailColumn())) {
            problems.add("emailColumn '" + subject.emailColumn() + "' is not one of its columns " + columns);
        }
        validateErase(subject.erase(), columns, subject.idColumn(), null, problems);
    }

    private static void validateCategory(CategoryMapping mapping, Problems problems) {
        problems.identifier("table", mapping.table());
        problems.identifier("idColumn", mapping.idColumn());
        problems.identifier("subjectKey", mapping.subjectKey());
        if (mapping.restrictedColumn() != null) {
            problems.identifier("restrictedColumn", mapping.restrictedColumn());
        }
        problems.text("label", mapping.label());
        problems.text("description", mapping.description());
        problems.text("source", mapping.source());
        problems.text("purpose", mapping.purpose());
        if (mapping.legalBasis() == null || mapping.legalBasis().code() == null) {
            problems.add("legalBasis needs a code, one of " + Arrays.toString(LegalBasis.values()));
        } else {
            problems.text("legalBasis label", mapping.legalBasis().label());
        }
        List<String> columns = validateColumns(mapping.columns(), problems);
        if (mapping.subjectKey() != null && columns.contains(mapping.subjectKey())) {
            problems.add("the subject key '" + mapping.subjectKey() + "' is not listed as a data column");
        }
        RetentionRule retention = mapping.retention();
        if (retention != null) {
            Period period = retention.period();
            if (period == null || period.isZero() || period.isNegative()) {
                problems.add("retention period must be a positive ISO-8601 period such as P6M or P3Y");
            }
            if (retention.countsFrom() == null || !columns.contains(retention.countsFrom())) {
                problems.add("retention counts from unknown column '" + retention.countsFrom()
                        + "'; its columns are " + columns);
            }
            problems.text("retention basis", retention.basis());
            problems.text("retention description", retention.description());
        }
        validateErase(mapping.erase(), columns, mapping.idColumn(), mapping.subjectKey(), problems);
        Set<String> purposes = new HashSet<>();
        for (int i = 0; i < mapping.consentBased().size(); i++) {
            ConsentBasedData data = mapping.consentBased().get(i);
            Problems within = problems.within("consentBased[" + i + "]");
            if (data == null) {
                within.add("is empty");
                continue;
            }
            if (data.purpose() == null || !CONSENT_PURPOSE.matcher(data.purpose()).matches()) {
                within.add("purpose '" + data.purpose() + "' must be a consent purpose code matching "
                        + CONSENT_PURPOSE.pattern());
            } else if (!purposes.add(data.purpose())) {
                within.add("purpose " + data.purpose() + " is listed twice");
            }
            validateErase(data.erase(), columns, mapping.idColumn(), mapping.subjectKey(), within);
        }
        ConsentRegisterColumns register = mapping.consentRegister();
        if (register != null) {
            Problems within = problems.within("consentRegister");
            if (mapping.category() != DataCategory.CONSENTS) {
                within.add("only a CONSENTS mapping is a consent register");
            }
            for (String column : java.util.Arrays.asList(register.purposeColumn(), register.grantedColumn(),
                    register.changedAtColumn())) {
                if (column == null || !columns.contains(column)) {
                    within.add("column '" + column + "' is not one of its columns " + columns);
                }
            }
            if (register.sourceColumn() != null && !columns.contains(register.sourceColumn())) {
                within.add("sourceColumn '" + register.sourceColumn() + "' is not one of its columns " + columns);
            }
            for (String purpose : register.purposes()) {
                if (purpose == null || !CONSENT_PURPOSE.matcher(purpose).matches()) {
                    within.add("purpose '" + purpose + "' must be a consent purpose code matching "
                            + CONSENT_PURPOSE.pattern());
                }
            }
        }
        CancellationBlocker blocker = mapping.blocksCancellation();
        if (blocker != null) {
            if (blocker.column() == null || !columns.contains(blocker.column())) {
                problems.add("blocksCancellation.column '" + blocker.column() + "' is not one of its columns " + columns);
            }
            if (blocker.values().isEmpty() || blocker.values().stream().anyMatch(v -> v == null || v.isBlank())) {
                problems.add("blocksCancellation.values needs at least one value, none blank");
            }
        }
        for (int i = 0; i < mapping.thirdParties().size(); i++) {
            ThirdParty party = mapping.thirdParties().get(i);
            if (party == null) {
                problems.add("thirdParties[" + i + "] is empty");
                continue;
            }
            problems.text("thirdParties[" + i + "].name", party.name());
            problems.text("thirdParties[" + i + "].purpose", party.purpose());
        }
    }

    private static List<String> validateColumns(List<ColumnMapping> columns, Problems problems) {
        if (columns.isEmpty()) {
            problems.add("lists no columns");
        }
        List<String> names = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMapping column = columns.get(i);
            if (column == null) {
                problems.add("columns[" + i + "] is empty");
                continue;
            }
            problems.identifier("columns[" + i + "].name", column.name());
            problems.text("label of column '" + column.name() + "'", column.label());
            if (!unique.add(column.name())) {
                problems.add("column '" + column.name() + "' is listed twice");
            }
            names.add(column.name());
        }
        return names;
    }

    private static void validateErase(EraseRule erase, List<String> columns, String idColumn, String subjectKey,
                                      Problems problems) {
        if (erase == null || erase.strategy() == null) {
            problems.add("erase needs a strategy, one of " + Arrays.toString(EraseStrategy.values()));
            return;
        }
        if (erase.strategy() == EraseStrategy.DELETE_ROW) {
            if (!erase.columns().isEmpty()) {
                problems.add("erase strategy DELETE_ROW takes no columns");
            }
            return;
        }
        if (erase.columns().isEmpty()) {
            problems.add("erase strategy " + erase.strategy() + " needs the columns it overwrites");
        }
        Set<String> unique = new HashSet<>();
        for (ColumnErasure column : erase.columns()) {
            if (column == null || column.column() == null) {
                problems.add("erase lists an empty column");
                continue;
            }
            if (!columns.contains(column.column())) {
                problems.add("erase names unknown column '" + column.column() + "'; its columns are " + columns);
            }
            if (column.column().equals(idColumn) || column.column().equals(subjectKey)) {
                problems.add("erase may not overwrite the key column '" + column.column() + "'");
            }
            if (!unique.add(column.column())) {
                problems.add("erase lists column '" + column.column() + "' twice");
            }
            if (erase.strategy() == EraseStrategy.NULL_COLUMNS && column.replacement() != null) {
                problems.add("erase strategy NULL_COLUMNS takes no replacement (column '" + column.column() + "')");
            }
        }
    }

    private static void validateTogether(List<DataSystem> systems) {
        Problems problems = new Problems("Data map");
        Set<String> ids = new HashSet<>();
        for (DataSystem system : systems) {
            if (!ids.add(system.id())) {
                problems.add("system id '" + system.id() + "' is used by two documents");
            }
        }
        long subjects = systems.stream().filter(s -> s.subject() != null).count();
        if (subjects != 1) {
            problems.add("exactly one system must describe the subject record (found " + subjects + ")");
        }
        Set<DataCategory> unmapped = EnumSet.allOf(DataCategory.class);
        systems.forEach(s -> s.categories().forEach(c -> unmapped.remove(c.category())));
        if (!unmapped.isEmpty()) {
            problems.add("categories not mapped by any system: " + unmapped);
        }
        problems.throwIfAny();
    }

    /** Collects every problem of a document so that one start-up shows them all. */
    private static final class Problems {
        private final String title;
        private final String context;
        private final List<String> messages;

        Problems(String title) {
            this(title, null, new ArrayList<>());
        }

        private Problems(String title, String context, List<String> messages) {
            this.title = title;
            this.context = context;
            this.messages = messages;
        }

        Problems within(String context) {
            return new Problems(title, this.context == null ? context : this.context + ": " + context, messages);
        }

        void add(String message) {
            messages.add(context == null ? message : context + ": " + message);
        }

        void identifier(String what, String value) {
            if (value == null || !IDENTIFIER.matcher(value).matches()) {
                add(what + " '" + value + "' must be a lower-case SQL name matching " + IDENTIFIER.pattern());
            }
        }

        void text(String what, LocalizedText text) {
            if (text == null || !text.isComplete()) {
                add(what + " needs both a zh-CN and an en text");
            }
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new DataMapException(title + " is invalid:\n - " + String.join("\n - ", messages));
            }
        }
    }
}
