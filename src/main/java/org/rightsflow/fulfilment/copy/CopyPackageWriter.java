package org.rightsflow.fulfilment.copy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;
import org.rightsflow.common.CsvWriter;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.datamap.MappedCategory;
import org.rightsflow.fulfilment.download.PackageCrypto;
import org.rightsflow.fulfilment.download.PackageProperties;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes the COPY package (docs/rights.md): a ZIP with {@code profile.json}/{@code .csv} (the account's own record), one JSON
 * and one CSV file per data category held, and an {@code index.html} that explains every file: the category, its
 * source, purpose, legal basis, retention and the third parties it is shared with, in the request's language
 * (the template {@value #INDEX_TEMPLATE} with the {@code package.index.*} messages). The
 * subject's own copy holds their restricted rows too (storage and security only: a restriction limits processing, not
 * what the subject may see), each marked by a {@value #RESTRICTED_FIELD} field that index.html explains; a transfer
 * leaves them out.
 *
 * <p>Rows are streamed from the data map's connectors straight into the ZIP (Jackson's {@link JsonGenerator} and a
 * CSV line at a time through {@link CsvWriter}): memory does not grow with the number of rows. Each category is read
 * from its system once: a
 * ZIP writes one entry at a time, so while a row goes into the JSON entry its CSV line goes to a {@link CsvSpill}
 * (an encrypted temporary file under {@code rightsflow.packages.storage-dir}), which is copied into the CSV entry
 * once the JSON entry is closed: reading the rows a second time instead (row decoding in the driver) was a large
 * share of a big package's time. Every value is turned into text once, and the CSV holds that same text.
 */
@Component
public class CopyPackageWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Beside the package files: on the volume the operator chose for personal data, not a shared /tmp. */
    private static final String SPILL_DIRECTORY = "tmp";

    private final DataConnectors connectors;
    private final TimeSource time;
    private final PackageCrypto crypto;
    private final Path spillDirectory;
    private final ITemplateEngine templates;

    public CopyPackageWriter(DataConnectors connectors, TimeSource time, PackageCrypto crypto,
                             PackageProperties packages, ITemplateEngine templates) {
        this.connectors = connectors;
        this.time = time;
        this.crypto = crypto;
        this.spillDirectory = spillDirectory(packages);
        this.templates = templates;
    }

    static Path spillDirectory(PackageProperties packages) {
        return packages.storageDir().resolve(SPILL_DIRECTORY);
    }

    /** One file pair of the package. */
    record Part(MappedCategory mapped, String baseName, long count, RowSource rows) {
    }

    /** The rows of one category in one system, however they reach the package. */
    public interface RowSource {
        long count();

        /** Streams the rows, in a stable order, without loading them all (see {@link SystemConnector#forEachRow}). */
        void forEachRow(java.util.function.Consumer<Map<String, Object>> visitor);

        /** How many of the {@link #count} rows are restricted (storage and security only); 0 when none or unknown. */
        default long restricted() {
            return 0;
        }

        /** Streams every row with whether it is restricted (see {@link SystemConnector#forEachRowWithRestricted}). */
        default void forEachRowWithRestricted(java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
            forEachRow(row -> visitor.accept(row, false));
        }
    }

    /** The column, JSON field and CSV column, that marks a restricted row in a part that has some. */
    public static final String RESTRICTED_FIELD = "restricted";

    /**
     * Where the package's rows come from, per system and category: {@code rows} (empty: the system holds nothing
     * of it for the subject), and the systems whose part our staff provide separately (a data operator's step).
     */
    public record Sources(java.util.function.Function<MappedCategory, Optional<RowSource>> rows, Set<String> byPerson) {
    }

    /**
     * Every system the application reads through its connector; the others (a worker's, a manual one) are named as
     * provided separately by our staff.
     */
    public Sources connectorSources(long accountId) {
        return connectorSources(accountId, true);
    }

    /**
     * @param subjectsOwnCopy the package goes to the subject (COPY): restricted rows are in it, flagged; otherwise
     *                        (a TRANSFER to a recipient, which would process them) they are left out
     */
    public Sources connectorSources(long accountId, boolean subjectsOwnCopy) {
        return new Sources(mapped -> {
            SystemConnector connector = connectors.forMapping(mapped);
            long restricted = connector.countRestricted(mapped.category(), accountId);
            long count = connector.count(mapped.category(), accountId) - (subjectsOwnCopy ? 0 : restricted);
            return count <= 0 ? Optional.empty() : Optional.of(new RowSource() {
                @Override
                public long count() {
                    return count;
                }

                @Override
                public void forEachRow(java.util.function.Consumer<Map<String, Object>> visitor) {
                    connector.forEachRow(mapped.category(), accountId, visitor);
                }

                @Override
                public long restricted() {
                    return subjectsOwnCopy ? restricted : 0;
                }

                @Override
                public void forEachRowWithRestricted(
                        java.util.function.BiConsumer<Map<String, Object>, Boolean> visitor) {
                    connector.forEachRowWithRestricted(mapped.category(), accountId, visitor);
                }
            });
        }, connectors.dataMap().systems().stream()
                .filter(s -> !connectors.connector(s.id()).supports(org.rightsflow.datamap.ConnectorOperation.READ))
                .map(org.rightsflow.datamap.DataSystem::id).collect(java.util.stream.Collectors.toSet()));
    }

    /** Writes the package of the account to {@code out} (not closed: the caller owns the stream). */
    public void write(long accountId, String reference, Locale language, OutputStream out) throws IOException {
        write(accountId, reference, language, java.util.Set.of(), out);
    }

    /**
     * Writes the package without the categories a partial refusal excluded (approved by a legal reviewer, PIPL
     * Art. 50: the result notice names them and why).
     */
    public void write(long accountId, String reference, Locale language, java.util.Set<DataCategory> excluded,
                      OutputStream out) throws IOException {
        write(accountId, reference, language, excluded, connectorSources(accountId), out);
    }

    /** Writes the package from the given sources (each system's step: its connector, its worker's upload, staff). */
    public void write(long accountId, String reference, Locale language, java.util.Set<DataCategory> excluded,
                      Sources sources, OutputStream out) throws IOException {
        DataMap dataMap = connectors.dataMap();
        List<MappedCategory> byPerson = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (DataCategory category : DataCategory.values()) {
            if (excluded.contains(category)) {
                continue;
            }
            List<MappedCategory> mappings = dataMap.mappings(category);
            for (MappedCategory mapped : mappings) {
                if (sources.byPerson().contains(mapped.system().id())) {
                    byPerson.add(mapped);
                    continue;
                }
                Optional<RowSource> rows = sources.rows().apply(mapped);
                if (rows.isPresent() && rows.get().count() > 0) {
                    String base = category.name().toLowerCase(Locale.ROOT)
                            + (mappings.size() > 1 ? "-" + mapped.system().id() : "");
                    parts.add(new Part(mapped, base, rows.get().count(), rows.get()));
                }
            }
        }
        Optional<Map<String, Object>> profile = connectors.subjectRecord(accountId);

        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // The fastest compression: JSON and CSV of log rows still shrink several times, and the default level
        // spent most of a large package's time compressing (BENCHMARKS.md, figure 3).
        zip.setLevel(Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry("index.html"));
        zip.write(index(reference, language, parts, byPerson, profile.isPresent()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        if (profile.isPresent()) {
            // One row: its CSV line waits in memory, not in a spill file.
            Records records = new Records(dataMap.subject().columnNames());
            zip.putNextEntry(new ZipEntry("profile.json"));
            JsonGenerator json = generator(zip);
            json.writeStartObject();
            json.writeStringField("category", "PROFILE");
            json.writeArrayFieldStart("records");
            String[] texts = records.writeJson(json, profile.get());
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("profile.csv"));
            Writer csv = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
            records.writeCsvHeader(csv);
            CsvWriter.writeLine(csv, texts);
            csv.flush();
            zip.closeEntry();
        }
        for (Part part : parts) {
            writeCategory(zip, part, accountId);
        }
        zip.finish();
        zip.flush();
    }

    /** The JSON and the CSV entry of one part, from one pass over its rows. */
    private void writeCategory(ZipOutputStream zip, Part part, long accountId) throws IOException {
        // A part with restricted rows has one more column, restricted (true/false), which index.html explains.
        boolean flagged = part.rows().restricted() > 0;
        List<String> columns = new ArrayList<>(part.mapped().mapping().columnNames());
        if (flagged) {
            columns.add(RESTRICTED_FIELD);
        }
        Records records = new Records(columns);
        try (CsvSpill spill = CsvSpill.create(spillDirectory, crypto)) {
            Writer csv = spill.writer();
            records.writeCsvHeader(csv);
            zip.putNextEntry(new ZipEntry(part.baseName() + ".json"));
            JsonGenerator json = generator(zip);
            json.writeStartObject();
            json.writeStringField("category", part.mapped().category().name());
            json.writeStringField("system", part.mapped().system().id());
            json.writeArrayFieldStart("records");
            if (flagged) {
                part.rows().forEachRowWithRestricted((row, restricted) -> {
                    Map<String, Object> withFlag = new java.util.LinkedHashMap<>(row);
                    withFlag.put(RESTRICTED_FIELD, restricted);
                    try {
                        CsvWriter.writeLine(csv, records.writeJson(json, withFlag));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } else {
                part.rows().forEachRow(row -> {
                    try {
                        CsvWriter.writeLine(csv, records.writeJson(json, row));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(part.baseName() + ".csv"));
            spill.copyTo(zip);
            zip.closeEntry();
        }
    }

    private static JsonGenerator generator(OutputStream zip) throws IOException {
        JsonGenerator json = JSON.createGenerator(zip, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return json;
    }

    /**
     * The rows of one file pair: the JSON record holds the row's fields in the row's order, the CSV line the mapped
     * columns in the data map's order, each value as the same text. One instance per file pair: the array of texts is
     * reused from row to row.
     */
    static final class Records {
        private final List<String> columns;
        private final String[] texts;

        Records(List<String> columns) {
            this.columns = columns;
            this.texts = new String[columns.size()];
        }

        void writeCsvHeader(Writer csv) throws IOException {
            CsvWriter.writeHeader(csv, columns);
        }

        /**
         * Writes the row as a JSON record and returns its CSV fields (valid until the next row). Connectors give rows
         * whose keys are the mapped columns in order; a row that differs has its CSV fields looked up by name.
         */
        String[] writeJson(JsonGenerator json, Map<String, Object> row) throws IOException {
            boolean aligned = row.size() == texts.length;
            int i = 0;
            json.writeStartObject();
            for (Map.Entry<String, Object> field : row.entrySet()) {
                json.writeFieldName(field.getKey());
                String text = writeValue(json, field.getValue());
                if (aligned && columns.get(i).equals(field.getKey())) {
                    texts[i++] = text;
                } else {
                    aligned = false;
                }
            }
            json.writeEndObject();
            if (!aligned) {
                for (int c = 0; c < texts.length; c++) {
                    texts[c] = text(row.get(columns.get(c)));
                }
            }
            return texts;
        }
    }

    /**
     * Writes a value and returns its text: strings as JSON strings, numbers, booleans and nulls typed (a null's text
     * is empty), binary data as base64 (what Jackson's {@code writeBinary} writes).
     */
    static String writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return "";
        }
        if (value instanceof Boolean b) {
            json.writeBoolean(b);
            return b.toString();
        }
        String text = text(value);
        if (value instanceof Number) {
            // The number's own text, unquoted: Long/Integer/Short as digits, BigDecimal without exponent.
            json.writeNumber(text);
        } else {
            json.writeString(text);
        }
        return text;
    }

    /** The text of a value in the CSV: the same text the JSON file holds (a formula-like cell neutralised). */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    // ---------------------------------------------------------------- index.html

    /** The template of index.html; its texts are the {@code package.index.*} messages (i18n/package*.properties). */
    static final String INDEX_TEMPLATE = "packages/index";

    /** A part as index.html describes it, in the request's language. */
    record PartView(String label, String code, String baseName, long count, String description, List<FieldView> fields,
                    String system, String source, String purpose, String legalBasis, RetentionView retention,
                    List<PartyView> thirdParties, boolean sensitive, String restricted) {
    }

    record FieldView(String name, String label) {
    }

    /** The retention rule of a category; absent (null in {@link PartView}) when the law sets none. */
    record RetentionView(String description, String basis) {
    }

    record PartyView(String name, String purpose) {
    }

    /** A category of a system our staff work on by hand: provided separately. */
    record ByPersonView(String label, String code, String system) {
    }

    private String index(String reference, Locale language, List<Part> parts, List<MappedCategory> byPerson,
                         boolean profile) {
        Locale locale = LocalizedText.isEnglish(language) ? Locale.ENGLISH : LocalizedText.ZH_CN;
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("lang", locale.toLanguageTag());
        model.put("reference", reference);
        model.put("generatedAt", ZonedDateTime.ofInstant(time.now(), DataMap.ZONE).format(TIME));
        model.put("profile", profile);
        model.put("parts", parts.stream().map(part -> view(part, locale)).toList());
        model.put("byPerson", byPerson.stream().map(mapped -> new ByPersonView(mapped.mapping().label().in(locale),
                mapped.category().name(), mapped.system().label().in(locale))).toList());
        model.put("restrictedField", RESTRICTED_FIELD);
        return templates.process(INDEX_TEMPLATE, new Context(locale, model));
    }

    private static PartView view(Part part, Locale locale) {
        CategoryMapping m = part.mapped().mapping();
        long restricted = part.rows().restricted();
        return new PartView(m.label().in(locale), m.category().name(), part.baseName(), part.count(),
                m.description().in(locale),
                m.columns().stream().map(c -> new FieldView(c.name(), c.label().in(locale))).toList(),
                part.mapped().system().label().in(locale), m.source().in(locale), m.purpose().in(locale),
                m.legalBasis().label().in(locale),
                m.retentionRule().map(r -> new RetentionView(r.description().in(locale), r.basis().in(locale)))
                        .orElse(null),
                m.thirdParties().stream().map(p -> new PartyView(p.name().in(locale), p.purpose().in(locale))).toList(),
                m.sensitive(), restricted > 0 ? Long.toString(restricted) : null);
    }
}
