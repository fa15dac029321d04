package org.rightsflow.fulfilment.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rightsflow.common.CsvWriter;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.DataMapProperties;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.fulfilment.download.PackageCrypto;
import org.rightsflow.fulfilment.download.PackageProperties;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The package writer without a database: a connector of its own gives every category rows of every value type. Each
 * category is read once, its CSV holds the text its JSON holds, and the encrypted spill file that carries the CSV
 * lines meanwhile is gone afterwards, also when the connector fails half way.
 */
class CopyPackageWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final DataMap DATA_MAP = DataMap.load(DataMap.DEFAULT_LOCATIONS);
    private static final String MARKER = "plain-text-marker";
    /** Every kind of value a connector gives, and CSV's awkward cases. */
    private static final Object[] VALUES = {
            "plain " + MARKER, "comma, \"quote\"\nnew line\r\nend", "测试用户", 42L, 7, (short) 3,
            new BigDecimal("12.50"), new BigDecimal("1E+3"), 1.5d, true, false, null,
            Instant.parse("2024-03-01T08:00:00.120Z"), LocalDate.of(1990, 3, 7),
            new byte[] {(byte) 0xfb, (byte) 0xff, 0x3e, 0, 1}};

    private static final SpringTemplateEngine TEMPLATES = templates();

    @TempDir
    Path storage;

    @Test
    void indexHtmlExplainsEveryFileInTheRequestsLanguage() throws Exception {
        String english = new String(CopyPackageSupport.unzip(write(new FakeConnector(2), Locale.ENGLISH))
                .get("index.html"), StandardCharsets.UTF_8);
        String chinese = new String(CopyPackageSupport.unzip(write(new FakeConnector(2), LocalizedText.ZH_CN))
                .get("index.html"), StandardCharsets.UTF_8);
        assertThat(english).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">",
                "<title>Copy of your personal information</title>", "Request R-TEST, generated ",
                "<h2>Account profile</h2>", "<p>Files: profile.json, profile.csv</p>");
        assertThat(chinese).contains("<html lang=\"zh-CN\">", "<title>您的个人信息副本</title>", "请求编号 R-TEST，生成时间 ",
                "<h2>账号资料</h2>", "<p>文件：profile.json、profile.csv</p>");
        for (DataCategory category : DataCategory.values()) {
            var mappings = DATA_MAP.mappings(category);
            for (var mapped : mappings) {
                CategoryMapping m = mapped.mapping();
                String base = category.name().toLowerCase(Locale.ROOT)
                        + (mappings.size() > 1 ? "-" + mapped.system().id() : "");
                assertThat(english).contains("<h2>" + html(m.label().en()) + " (" + category.name() + ")</h2>",
                        "<tr><th>Files</th><td>" + base + ".json, " + base + ".csv</td></tr>",
                        "<tr><th>Records</th><td>2</td></tr>",
                        "<tr><th>Fields</th><td>" + html(String.join(", ", m.columns().stream()
                                .map(c -> c.name() + " = " + c.label().en()).toList())) + "</td></tr>",
                        "<tr><th>Held in</th><td>" + html(mapped.system().label().en()) + "</td></tr>",
                        "<tr><th>Legal basis</th><td>" + html(m.legalBasis().label().en()) + "</td></tr>",
                        "<tr><th>Retention</th><td>" + html(m.retentionRule()
                                .map(r -> r.description().en() + " (" + r.basis().en() + ")")
                                .orElse("No legal retention period: kept while the service needs it, deleted on"
                                        + " request.")) + "</td></tr>",
                        "<tr><th>Shared with</th><td>" + html(m.thirdParties().isEmpty() ? "Nobody"
                                : String.join("; ", m.thirdParties().stream()
                                .map(p -> p.name().en() + ": " + p.purpose().en()).toList())) + "</td></tr>",
                        "<tr><th>Sensitive</th><td>" + (m.sensitive() ? "Yes" : "No") + "</td></tr>");
                assertThat(chinese).contains("<h2>" + html(m.label().zhCN()) + " (" + category.name() + ")</h2>",
                        "<tr><th>文件</th><td>" + base + ".json, " + base + ".csv</td></tr>",
                        "<tr><th>记录数</th><td>2</td></tr>",
                        "<tr><th>字段</th><td>" + html(String.join("、", m.columns().stream()
                                .map(c -> c.name() + " = " + c.label().zhCN()).toList())) + "</td></tr>",
                        "<tr><th>保存期限</th><td>" + html(m.retentionRule()
                                .map(r -> r.description().zhCN() + "（" + r.basis().zhCN() + "）")
                                .orElse("无法定保存期限：在提供服务所需期间保存，您可以要求删除。")) + "</td></tr>",
                        "<tr><th>共享对象</th><td>" + html(m.thirdParties().isEmpty() ? "无"
                                : String.join("；", m.thirdParties().stream()
                                .map(p -> p.name().zhCN() + "：" + p.purpose().zhCN()).toList())) + "</td></tr>",
                        "<tr><th>敏感个人信息</th><td>" + (m.sensitive() ? "是" : "否") + "</td></tr>");
            }
        }
        assertThat(english).as("no restricted rows, no row that explains them").doesNotContain("Restricted");
        assertThat(chinese).doesNotContain("限制处理");
    }

    private static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    @Test
    void eachCategoryIsReadOnceAndItsCsvHoldsTheTextOfItsJson() throws Exception {
        FakeConnector connector = new FakeConnector(3 * VALUES.length);
        Map<String, byte[]> entries = CopyPackageSupport.unzip(write(connector));

        assertThat(entries.keySet()).containsExactlyElementsOf(CopyPackageSupport.entriesOfEverySystem());
        assertThat(connector.reads).as("one pass over each category in each system that maps it")
                .containsOnlyKeys(DataCategory.values()).allSatisfy((category, reads) ->
                        assertThat(reads).isEqualTo(DATA_MAP.mappings(category).size()));

        for (DataCategory category : DataCategory.values()) {
            var mappings = DATA_MAP.mappings(category);
            for (var mapped : mappings) {
                String base = category.name().toLowerCase(Locale.ROOT)
                        + (mappings.size() > 1 ? "-" + mapped.system().id() : "");
                assertSameText(base, mapped.mapping().columnNames(), connector.rows(category), entries);
            }
        }
        assertSameText("profile", DATA_MAP.subject().columnNames(), List.of(connector.subjectRecord(1).orElseThrow()),
                entries);
        assertThat(spillFiles()).as("no spill file left behind").isEmpty();
    }

    @Test
    void valuesKeepTheirJsonTypesAndTheCsvTheirText() throws Exception {
        Map<String, byte[]> entries = CopyPackageSupport.unzip(write(new FakeConnector(VALUES.length)));
        // ACCOUNT has 4 columns; row i holds VALUES[i + 3 .. i + 6].
        List<String> c = DATA_MAP.mappings(DataCategory.ACCOUNT).get(0).mapping().columnNames();
        String json = new String(entries.get("account.json"), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"category\":\"ACCOUNT\",\"system\":\"account-system\",\"records\":[{")
                .endsWith("}]}")
                .contains("{\"" + c.get(0) + "\":42,\"" + c.get(1) + "\":7,\"" + c.get(2) + "\":3,\"" + c.get(3)
                        + "\":12.50}")
                .contains("{\"" + c.get(0) + "\":1000,\"" + c.get(1) + "\":1.5,\"" + c.get(2) + "\":true,\""
                        + c.get(3) + "\":false}")
                .contains("{\"" + c.get(0) + "\":null,\"" + c.get(1) + "\":\"2024-03-01T08:00:00.120Z\",\"" + c.get(2)
                        + "\":\"1990-03-07\",\"" + c.get(3) + "\":\"+/8+AAE=\"}")
                .contains(":\"comma, \\\"quote\\\"\\nnew line\\r\\nend\"");
        String csv = new String(entries.get("account.csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF" + String.join(",", c) + "\r\n42,7,3,12.50\r\n")
                .contains("\r\n1000,1.5,true,false\r\n", "\r\ntrue,false,,2024-03-01T08:00:00.120Z\r\n",
                        // base64 that starts with "+" is a formula to a spreadsheet: neutralised, text in the JSON
                        "\r\n,2024-03-01T08:00:00.120Z,1990-03-07,'+/8+AAE=\r\n",
                        ",\"comma, \"\"quote\"\"\nnew line\r\nend\",")
                .endsWith("\r\n");
    }

    @Test
    void aConnectorFailingHalfWayLeavesNoSpillFileBehind() {
        FakeConnector connector = new FakeConnector(500);
        connector.onRow(DataCategory.PAYMENTS, 200, () -> assertThat(spillFiles()).as("the spill file").hasSize(1));
        connector.failAfter(DataCategory.PAYMENTS, 300);
        assertThatThrownBy(() -> write(connector)).hasMessageContaining("the system went away");
        assertThat(connector.reads).as("stopped at the failing category").doesNotContainKey(DataCategory.BILLING);
        assertThat(spillFiles()).as("no spill file left behind").isEmpty();
    }

    @Test
    void theSpillFileHoldsCipherTextOnly() throws Exception {
        FakeConnector connector = new FakeConnector(20_000);
        List<byte[]> seen = new ArrayList<>();
        connector.onRow(DataCategory.OPERATION_LOGS, 15_000, () -> {
            List<Path> files = spillFiles();
            assertThat(files).as("one spill file while a category is written").hasSize(1);
            try {
                seen.add(Files.readAllBytes(files.get(0)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        write(connector);
        assertThat(seen).hasSize(1);
        String atRest = new String(seen.get(0), StandardCharsets.ISO_8859_1);
        assertThat(seen.get(0).length).as("15,000 CSV lines partly on disk").isGreaterThan(200_000);
        assertThat(atRest).doesNotContain(MARKER).doesNotContain("2024-03-01T08:00:00.120Z")
                .doesNotContain("comma, ");
        assertThat(new String(seen.get(0), StandardCharsets.UTF_8)).doesNotContain("测试用户");
        assertThat(spillFiles()).isEmpty();
    }

    private byte[] write(FakeConnector connector) throws IOException {
        return write(connector, Locale.ENGLISH);
    }

    private byte[] write(FakeConnector connector, Locale language) throws IOException {
        PackageProperties packages = new PackageProperties(storage, "a-master-key-of-at-least-32-characters!");
        CopyPackageWriter writer = new CopyPackageWriter(
                new DataConnectors(DATA_MAP, new JdbcTemplate(), DataMapProperties.defaults(),
                        List.of(connector, connector.servingAlso("billing-system"))),
                new TimeSource(), new PackageCrypto(packages), packages, TEMPLATES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(1, "R-TEST", language, Set.of(), out);
        return out.toByteArray();
    }

    /** The application's templates and message bundles, as Spring Boot configures them (spring.messages). */
    private static SpringTemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/package");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    private List<Path> spillFiles() {
        Path directory = storage.resolve("tmp");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON file's records and the CSV file's lines hold the same text, which is the value's text. */
    private static void assertSameText(String base, List<String> columns, List<Map<String, Object>> rows,
                                       Map<String, byte[]> entries) throws IOException {
        JsonNode records = JSON.readTree(entries.get(base + ".json")).get("records");
        List<List<String>> csv = CopyPackageSupport.csv(entries.get(base + ".csv"));
        assertThat(csv.get(0)).containsExactlyElementsOf(columns);
        assertThat(records).as("%s records", base).hasSize(rows.size());
        assertThat(csv).as("%s CSV lines", base).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c);
                JsonNode value = records.get(i).get(column);
                String jsonText = value.isNull() ? "" : value.isBigDecimal() ? value.decimalValue().toPlainString()
                        : value.asText();
                assertThat(csv.get(i + 1).get(c)).as("%s[%d].%s", base, i, column)
                        .isEqualTo(CsvWriter.neutralised(jsonText))
                        .isEqualTo(CsvWriter.neutralised(expectedText(rows.get(i).get(column))));
            }
        }
    }

    private static String expectedText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    /** Rows of every category of the account system, made of {@link #VALUES}, and a profile. */
    private static final class FakeConnector implements SystemConnector {
        private final int rowsPerCategory;
        private final Map<DataCategory, Integer> reads = new EnumMap<>(DataCategory.class);
        private DataCategory failing;
        private int failAfter;
        private DataCategory watched;
        private int watchAt;
        private Runnable watcher;

        FakeConnector(int rowsPerCategory) {
            this.rowsPerCategory = rowsPerCategory;
        }

        void failAfter(DataCategory category, int rows) {
            failing = category;
            failAfter = rows;
        }

        /** The same rows, as the connector of another system (each system reads only the categories it maps). */
        SystemConnector servingAlso(String systemId) {
            FakeConnector self = this;
            return new SystemConnector() {
                @Override
                public String systemId() {
                    return systemId;
                }

                @Override
                public long count(DataCategory category, long subjectId) {
                    return self.count(category, subjectId);
                }

                @Override
                public void forEachRow(DataCategory category, long subjectId,
                                       java.util.function.Consumer<Map<String, Object>> visitor) {
                    self.forEachRow(category, subjectId, visitor);
                }
            };
        }

        void onRow(DataCategory category, int row, Runnable action) {
            watched = category;
            watchAt = row;
            watcher = action;
        }

        @Override
        public String systemId() {
            return "account-system";
        }

        @Override
        public long count(DataCategory category, long subjectId) {
            return rowsPerCategory;
        }

        @Override
        public void forEachRow(DataCategory category, long subjectId, Consumer<Map<String, Object>> visitor) {
            reads.merge(category, 1, Integer::sum);
            List<String> columns = DATA_MAP.mappings(category).get(0).mapping().columnNames();
            for (int i = 0; i < rowsPerCategory; i++) {
                if (category == failing && i == failAfter) {
                    throw new IllegalStateException("the system went away");
                }
                if (category == watched && i == watchAt) {
                    watcher.run();
                }
                visitor.accept(row(columns, i));
            }
        }

        List<Map<String, Object>> rows(DataCategory category) {
            List<String> columns = DATA_MAP.mappings(category).get(0).mapping().columnNames();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < rowsPerCategory; i++) {
                rows.add(row(columns, i));
            }
            return rows;
        }

        @Override
        public Optional<Map<String, Object>> subjectRecord(long subjectId) {
            return Optional.of(row(DATA_MAP.subject().columnNames(), 2));
        }

        private static Map<String, Object> row(List<String> columns, int index) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), VALUES[(index + 3 + c) % VALUES.length]);
            }
            return row;
        }
    }
}
