package org.rightsflow.datamap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data map as declared in {@code datamap/account-system.json} and {@code billing-system.json}, and how a wrong map fails. */
class DataMapTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataMap map = DataMap.load(DataMap.DEFAULT_LOCATIONS);

    @Test
    void describesTheAccountSystemAndTheBillingSystemWithEveryCategoryOnce() {
        assertThat(map.systems()).extracting(DataSystem::id).containsExactly("account-system", "billing-system");
        DataSystem system = map.subjectSystem();
        assertThat(system.id()).isEqualTo("account-system");
        assertThat(system.connector()).isEqualTo(DataSystem.JDBC);
        assertThat(system.connection()).as("the application's own database").isNull();
        DataSystem billing = map.system("billing-system").orElseThrow();
        assertThat(billing.connector()).isEqualTo(DataSystem.JDBC);
        assertThat(billing.connection()).isEqualTo("billing");
        assertThat(billing.categories()).extracting(CategoryMapping::category)
                .containsExactly(DataCategory.PAYMENTS, DataCategory.BILLING, DataCategory.INVOICES,
                        DataCategory.CONSENTS);
        assertThat(billing.category(DataCategory.BILLING).orElseThrow().blocksCancellation())
                .isEqualTo(new CancellationBlocker("status", List.of("UNPAID")));
        assertThat(billing.category(DataCategory.INVOICES).orElseThrow().blocksCancellation())
                .isEqualTo(new CancellationBlocker("status", List.of("OPEN")));
        assertThat(map.subject().table()).isEqualTo("account");
        assertThat(map.subject().emailColumn()).isEqualTo("email");
        for (DataCategory category : DataCategory.values()) {
            // a category may live in several systems: the demo's consents are in the account and billing systems
            assertThat(map.mappings(category)).as(category.name()).hasSize(category == DataCategory.CONSENTS ? 2 : 1);
            CategoryMapping mapping = map.mappings(category).get(0).mapping();
            assertThat(mapping.subjectKey()).isEqualTo("account_id");
            assertThat(mapping.restrictedColumn()).isEqualTo("restricted");
            assertThat(mapping.label().in(Locale.ENGLISH)).isNotBlank();
            assertThat(mapping.label().in(Locale.SIMPLIFIED_CHINESE)).isNotBlank();
            assertThat(mapping.legalBasis().code()).isNotNull();
        }
        assertThat(map.mappings()).hasSize(DataCategory.values().length + 1);
    }

    @Test
    void realNameAndPaymentDataAreSensitive() {
        assertThat(map.sensitiveCategories()).containsExactlyInAnyOrder(DataCategory.REAL_NAME, DataCategory.PAYMENTS);
        CategoryMapping realName = map.mappings(DataCategory.REAL_NAME).get(0).mapping();
        assertThat(realName.column("id_number").orElseThrow().sensitive()).isTrue();
        assertThat(realName.column("face_data_ref").orElseThrow().sensitive()).isTrue();
        assertThat(realName.column("verified_at").orElseThrow().sensitive()).isFalse();
    }

    @Test
    void retentionRulesAreTheSpecDefaults() {
        RetentionRule logs = rule(DataCategory.OPERATION_LOGS);
        assertThat(logs.period()).isEqualTo(Period.ofMonths(6));
        assertThat(logs.countsFrom()).isEqualTo("occurred_at");
        assertThat(logs.basis().en()).isEqualTo("Cybersecurity Law Art. 21");
        assertThat(logs.basis().zhCN()).contains("网络安全法").contains("第二十一条");

        assertThat(rule(DataCategory.PAYMENTS).countsFrom()).isEqualTo("paid_at");
        assertThat(rule(DataCategory.BILLING).countsFrom()).isEqualTo("issued_at");
        assertThat(rule(DataCategory.INVOICES).countsFrom()).isEqualTo("issued_at");
        for (DataCategory category : List.of(DataCategory.PAYMENTS, DataCategory.BILLING, DataCategory.INVOICES)) {
            assertThat(rule(category).period()).as(category.name()).isEqualTo(Period.ofYears(3));
            assertThat(rule(category).basis().en()).isEqualTo("E-Commerce Law Art. 31");
            assertThat(rule(category).basis().zhCN()).contains("电子商务法").contains("第三十一条");
        }
        for (DataCategory category : EnumSet.complementOf(EnumSet.of(DataCategory.OPERATION_LOGS,
                DataCategory.PAYMENTS, DataCategory.BILLING, DataCategory.INVOICES))) {
            assertThat(map.mappings(category).get(0).mapping().retentionRule()).as(category.name()).isEmpty();
        }
    }

    @Test
    void retentionCountsInShanghaiCalendarTerms() {
        RetentionRule logs = rule(DataCategory.OPERATION_LOGS);
        // 2025-08-31T20:00Z is 2025-09-01 04:00 in Shanghai: six months later is 2026-03-01 04:00 there
        Instant anchor = Instant.parse("2025-08-31T20:00:00Z");
        assertThat(logs.expiresAt(anchor)).isEqualTo(Instant.parse("2026-02-28T20:00:00Z"));
        assertThat(logs.hasExpired(anchor, Instant.parse("2026-02-28T19:59:59Z"))).isFalse();
        assertThat(logs.hasExpired(anchor, Instant.parse("2026-02-28T20:00:00Z"))).isTrue();
        assertThat(logs.hasExpired(null, Instant.now())).as("an open transaction has not started retention").isFalse();
    }

    @Test
    void eraseStrategiesNameTheirColumns() {
        EraseRule payments = map.mappings(DataCategory.PAYMENTS).get(0).mapping().erase();
        assertThat(payments.strategy()).isEqualTo(EraseStrategy.ANONYMISE_COLUMNS);
        assertThat(payments.columnNames()).contains("payer_name", "bank_account_full", "bank_account_masked");
        EraseRule contracts = map.mappings(DataCategory.CONTRACTS).get(0).mapping().erase();
        assertThat(contracts.strategy()).isEqualTo(EraseStrategy.NULL_COLUMNS);
        assertThat(contracts.columnNames()).containsExactly("signatory_name", "signatory_phone", "signatory_email");
        assertThat(map.mappings(DataCategory.REAL_NAME).get(0).mapping().erase().strategy())
                .isEqualTo(EraseStrategy.DELETE_ROW);
        ColumnErasure email = map.subject().erase().columns().get(0);
        assertThat(email.column()).isEqualTo("email");
        assertThat(email.replacementFor(42L)).isEqualTo("deleted-42@anonymised.invalid");
    }

    @Test
    void thirdPartiesAreDeclaredWithBothLanguages() {
        List<ThirdParty> invoices = map.mappings(DataCategory.INVOICES).get(0).mapping().thirdParties();
        assertThat(invoices).extracting(p -> p.name().en())
                .contains("Tax authority (electronic invoice service platform)");
        assertThat(map.mappings(DataCategory.OPERATION_LOGS).get(0).mapping().thirdParties()).isEmpty();
    }

    // ------------------------------------------------------------------ wrong maps fail clearly

    @Test
    void unknownCategoryFailsNamingIt() {
        assertThatThrownBy(() -> loadChanged(doc -> category(doc, 6).put("category", "PHOTOS")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("changed account-system.json")
                .hasMessageContaining("unknown data category 'PHOTOS'")
                .hasMessageContaining("categories[6].category")
                .hasMessageContaining("CONSENTS");
    }

    @Test
    void documentsOutsideTheJarLoadFromFileLocationsAndEveryProblemNamesItsDocumentAndField(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path crm = dir.resolve("crm.json");
        ObjectNode doc;
        try (InputStream in = new ClassPathResource("datamap/demo/paper-archive.json").getInputStream()) {
            doc = (ObjectNode) JSON.readTree(in);
        }
        doc.put("id", "crm");
        java.nio.file.Files.writeString(crm, JSON.writeValueAsString(doc));
        DataMap map = DataMap.load("classpath:datamap/" + ACCOUNT, "classpath:datamap/" + BILLING,
                crm.toUri().toString());
        assertThat(map.system("crm")).isPresent();
        assertThat(map.mappings(DataCategory.CONTRACTS)).hasSize(2);

        // two problems in the file: both named, with the document's path and the field
        ((ObjectNode) doc.get("categories").get(0)).put("idColumn", "folder number");
        ((ObjectNode) doc.get("categories").get(0).get("erase")).put("strategy", "SHRED");
        java.nio.file.Files.writeString(crm, JSON.writeValueAsString(doc));
        assertThatThrownBy(() -> DataMap.load("classpath:datamap/" + ACCOUNT, "classpath:datamap/" + BILLING,
                "file:" + crm))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining(crm.toString())
                .hasMessageContaining("erase.strategy");
        ((ObjectNode) doc.get("categories").get(0).get("erase")).put("strategy", "DELETE_ROW");
        java.nio.file.Files.writeString(crm, JSON.writeValueAsString(doc));
        assertThatThrownBy(() -> DataMap.load("classpath:datamap/" + ACCOUNT, "classpath:datamap/" + BILLING,
                "file:" + crm))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining(crm.toString())
                .hasMessageContaining("category CONTRACTS")
                .hasMessageContaining("idColumn");
        assertThatThrownBy(() -> DataMap.load("classpath:datamap/" + ACCOUNT, "file:" + dir.resolve("missing.json")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("no document found at 'file:" + dir.resolve("missing.json") + "'");
    }

    @Test
    void retentionFromAnUnknownColumnFails() {
        assertThatThrownBy(() -> loadChanged(BILLING, doc ->
                ((ObjectNode) category(doc, 0).get("retention")).put("countsFrom", "paid_on")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category PAYMENTS")
                .hasMessageContaining("unknown column 'paid_on'");
    }

    @Test
    void erasingAnUnknownColumnFails() {
        assertThatThrownBy(() -> loadChanged(BILLING, doc -> ((ObjectNode) category(doc, 2).get("erase").get("columns").get(0))
                .put("column", "recipient_phone")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category INVOICES")
                .hasMessageContaining("erase names unknown column 'recipient_phone'");
    }

    @Test
    void aMissingTranslationFails() {
        assertThatThrownBy(() -> loadChanged(doc -> ((ObjectNode) category(doc, 3).get("purpose")).put("en", " ")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category OPERATION_LOGS: purpose needs both a zh-CN and an en text");
    }

    @Test
    void aTypoInAPropertyFails() {
        assertThatThrownBy(() -> loadChanged(doc -> category(doc, 0).put("retension", "P1Y")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("retension");
    }

    @Test
    void aMissingSensitiveFlagFails() {
        assertThatThrownBy(() -> loadChanged(doc -> category(doc, 1).remove("sensitive")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("sensitive");
    }

    @Test
    void anUnsafeTableNameFails() {
        assertThatThrownBy(() -> loadChanged(doc -> category(doc, 2).put("table", "account_security; drop table x")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category SECURITY: table");
    }

    @Test
    void aMissingCategoryAndADuplicateFail() {
        assertThatThrownBy(() -> loadChanged(doc -> category(doc, 6).put("category", "CONTRACTS")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category CONTRACTS is mapped twice");
        // SUPPORT is held by the account system alone (CONSENTS also by the billing system)
        assertThatThrownBy(() -> loadChanged(doc -> ((ArrayNode) doc.get("categories")).remove(5)))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("categories not mapped by any system: [SUPPORT]");
    }

    @Test
    void nullColumnsTakeNoReplacement() {
        assertThatThrownBy(() -> loadChanged(doc -> ((ObjectNode) category(doc, 4).get("erase").get("columns").get(0))
                .put("replacement", "x")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("NULL_COLUMNS takes no replacement");
    }

    @Test
    void faceDataRestsOnTheFaceRecognitionConsentAlone() {
        CategoryMapping realName = map.mappings(DataCategory.REAL_NAME).get(0).mapping();
        ConsentBasedData face = realName.consentBased("FACE_RECOGNITION").orElseThrow();
        assertThat(face.erase().strategy()).isEqualTo(EraseStrategy.NULL_COLUMNS);
        assertThat(face.erase().columnNames()).containsExactly("face_data_ref");
        assertThat(realName.consentBased("MARKETING")).isEmpty();
        assertThat(map.mappings().stream().filter(m -> !m.mapping().consentBased().isEmpty())
                .map(MappedCategory::category)).containsExactly(DataCategory.REAL_NAME);
    }

    @Test
    void consentBasedDataNamesAPurposeAndColumnsOfItsCategory() {
        assertThatThrownBy(() -> loadChanged(doc -> ((ObjectNode) category(doc, 1).get("consentBased").get(0)
                .get("erase").get("columns").get(0)).put("column", "face_image")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category REAL_NAME: consentBased[0]: erase names unknown column 'face_image'");
        assertThatThrownBy(() -> loadChanged(doc -> ((ObjectNode) category(doc, 1).get("consentBased").get(0))
                .put("purpose", "face recognition")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category REAL_NAME: consentBased[0]: purpose 'face recognition' must be");
        assertThatThrownBy(() -> loadChanged(doc -> ((ArrayNode) category(doc, 1).get("consentBased"))
                .add(category(doc, 1).get("consentBased").get(0).deepCopy())))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("purpose FACE_RECOGNITION is listed twice");
    }

    @Test
    void connectionsAndCancellationBlockersAreChecked() {
        assertThatThrownBy(() -> loadChanged(doc -> doc.put("connection", "crm")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("changed account-system.json")
                .hasMessageContaining("subject: the system holding the subject record lives in the application's"
                        + " database");
        assertThatThrownBy(() -> loadChanged(BILLING, doc -> doc.put("connection", "Billing DB")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("changed billing-system.json")
                .hasMessageContaining("connection 'Billing DB' must match");
        assertThatThrownBy(() -> loadChanged(BILLING, doc -> doc.put("connector", "manual")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("connection: only a jdbc system names a database connection");
        assertThatThrownBy(() -> loadChanged(BILLING, doc -> ((ObjectNode) category(doc, 1).get("blocksCancellation"))
                .put("column", "state")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category BILLING: blocksCancellation.column 'state' is not one of its columns");
        assertThatThrownBy(() -> loadChanged(BILLING, doc -> category(doc, 1).remove("restrictedColumn")))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category BILLING: restrictedColumn is required in a jdbc system");
    }

    @Test
    void anUnknownDocumentLocationFails() {
        assertThatThrownBy(() -> DataMap.load("classpath:datamap/no-such-system.json"))
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("no document found at 'classpath:datamap/no-such-system.json'");
    }

    private RetentionRule rule(DataCategory category) {
        return map.mappings(category).get(0).mapping().retentionRule().orElseThrow();
    }

    private static ObjectNode category(JsonNode doc, int index) {
        ObjectNode node = (ObjectNode) doc.get("categories").get(index);
        return node;
    }

    private static final String ACCOUNT = "account-system.json";
    private static final String BILLING = "billing-system.json";

    private static DataMap loadChanged(Consumer<ObjectNode> change) throws IOException {
        return loadChanged(ACCOUNT, change);
    }

    /** The default data map with one of its documents changed. */
    private static DataMap loadChanged(String document, Consumer<ObjectNode> change) throws IOException {
        List<org.springframework.core.io.Resource> documents = new java.util.ArrayList<>();
        for (String name : List.of(ACCOUNT, BILLING)) {
            ObjectNode doc;
            try (InputStream in = new ClassPathResource("datamap/" + name).getInputStream()) {
                doc = (ObjectNode) JSON.readTree(in);
            }
            if (name.equals(document)) {
                change.accept(doc);
            }
            byte[] bytes = JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
            documents.add(new ByteArrayResource(bytes, (name.equals(document) ? "changed " : "") + name));
        }
        return DataMap.fromResources(documents);
    }
}
