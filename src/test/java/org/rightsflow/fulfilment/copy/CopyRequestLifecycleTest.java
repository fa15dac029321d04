package org.rightsflow.fulfilment.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.CsvWriter;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * COPY end to end on PostgreSQL: an account of its own with data in every category files a COPY request, verifies,
 * passes the privacy officer's look at sensitive data, and downloads the package through the emailed link. The
 * package is compared record by record with the tables; the file on disk holds no plain text; the link works three
 * times; at expiry the file is deleted.
 */
class CopyRequestLifecycleTest extends PostgresIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    DataMap dataMap;
    @Autowired
    DownloadService downloads;

    @Test
    void copyPackageMatchesTheTablesIsEncryptedAtRestWorksThreeTimesAndIsDeletedAtExpiry() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "copy-test-" + System.nanoTime() + "@example.com";
        long accountId = TestAccounts.withDataInEveryCategory(jdbc, email);

        RequesterJourney.Filed filed = new RequesterJourney(api, mailbox).fileAndVerify("COPY", email, email, null);
        String reference = filed.reference();
        proceedAfterReview(reference);
        new RequesterJourney(api, mailbox).awaitStatus(filed, "COMPLETED");

        Mailbox.Mail ready = mailbox.awaitOne(email, "DOWNLOAD_READY", reference);
        String link = Mailbox.linkIn(ready);
        String path = link.substring(link.indexOf("/api/downloads/"));
        assertThat(path).as("an opaque token and nothing else").matches("/api/downloads/[A-Za-z0-9_-]{40,}")
                .doesNotContain(email);

        // The file at rest: cipher text only, named by the download's id.
        String downloadId = jdbc.queryForObject("select d.id from download d join rights_request r on r.id = d.request_id "
                + "where r.reference = ? and d.kind = 'COPY_PACKAGE'", String.class, reference);
        Path file = downloads.packageFile(downloadId).orElseThrow();
        assertThat(file).exists();
        assertThat(file.getFileName().toString()).isEqualTo(downloadId + ".pkg");
        byte[] atRest = Files.readAllBytes(file);
        String atRestText = new String(atRest, StandardCharsets.ISO_8859_1);
        assertThat(atRestText).doesNotContain("PK\u0003\u0004").doesNotContain("wx-openid-" + accountId)
                .doesNotContain("index.html").doesNotContain("TestAgent/").doesNotContain("LOGIN");
        assertThat(new String(atRest, StandardCharsets.UTF_8)).doesNotContain("测试用户");
        assertThat(jdbc.queryForObject("select content from download where id = ?", byte[].class, downloadId))
                .as("never in the database").isNull();
        assertThat(jdbc.queryForObject("select wrapped_key from download where id = ?", String.class, downloadId))
                .isNotBlank();

        Api.Response first = api.get(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/zip");
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(first.body())))
                .isEqualTo(jdbc.queryForObject("select sha256 from download where id = ?", String.class, downloadId));
        Map<String, byte[]> entries = CopyPackageSupport.unzip(first.body());

        assertThat(entries.keySet()).containsExactlyElementsOf(CopyPackageSupport.entriesOfEveryCategory());

        for (DataCategory category : DataCategory.values()) {
            CategoryMapping mapping = dataMap.mappings(category).get(0).mapping();
            JdbcTemplate database = ErasureTestAccounts.BILLING_TABLES.contains(mapping.table())
                    ? TestInfrastructure.billingJdbc() : jdbc;
            List<Map<String, Object>> rows = database.queryForList("select " + String.join(", ", mapping.columnNames())
                    + " from " + mapping.table() + " where " + mapping.subjectKey() + " = ? order by "
                    + mapping.idColumn(), accountId);
            assertThat(rows).as("test data in %s", category).isNotEmpty();
            String base = CopyPackageSupport.base(category);

            JsonNode json = JSON.readTree(entries.get(base + ".json"));
            assertThat(json.get("category").asText()).isEqualTo(category.name());
            JsonNode records = json.get("records");
            assertThat(records).as("%s records", category).hasSize(rows.size());
            List<List<String>> csv = CopyPackageSupport.csv(entries.get(base + ".csv"));
            assertThat(csv.get(0)).containsExactlyElementsOf(mapping.columnNames());
            assertThat(csv).as("%s CSV lines", category).hasSize(rows.size() + 1);
            for (int i = 0; i < rows.size(); i++) {
                for (String column : mapping.columnNames()) {
                    String expected = text(rows.get(i).get(column));
                    JsonNode value = records.get(i).get(column);
                    assertThat(value).as("%s[%d].%s present", category, i, column).isNotNull();
                    assertThat(value.isNull() ? null : value.isBigDecimal() ? value.decimalValue().toPlainString()
                            : value.asText()).as("%s[%d].%s in JSON", category, i, column).isEqualTo(expected);
                    assertThat(csv.get(i + 1).get(mapping.columnNames().indexOf(column)))
                            .as("%s[%d].%s in CSV (a formula-like cell starts with ')", category, i, column)
                            .isEqualTo(expected == null ? "" : CsvWriter.neutralised(expected));
                }
            }
        }
        JsonNode profile = JSON.readTree(entries.get("profile.json")).get("records").get(0);
        assertThat(profile.get("email").asText()).isEqualTo(email);
        assertThat(profile.get("birth_date").asText()).isEqualTo("1990-03-07");

        String index = new String(entries.get("index.html"), StandardCharsets.UTF_8);
        assertThat(index).contains("<html lang=\"en\"", reference, "operation_logs.json", "operation_logs.csv");
        for (DataCategory category : DataCategory.values()) {
            CategoryMapping mapping = dataMap.mappings(category).get(0).mapping();
            assertThat(index).contains(org.springframework.web.util.HtmlUtils.htmlEscape(mapping.label().en()))
                    .contains(org.springframework.web.util.HtmlUtils.htmlEscape(mapping.purpose().en()))
                    .contains(org.springframework.web.util.HtmlUtils.htmlEscape(mapping.source().en()));
            mapping.retentionRule().ifPresent(r -> assertThat(index)
                    .contains(org.springframework.web.util.HtmlUtils.htmlEscape(r.description().en())));
        }

        // Three uses in all, every one audited; then 410. An unknown token is 404.
        assertThat(api.get(path).status()).isEqualTo(200);
        assertThat(api.get(path).status()).isEqualTo(200);
        Api.Response usedUp = api.get(path);
        assertThat(usedUp.status()).isEqualTo(410);
        assertThat(usedUp.contentType()).startsWith("application/problem+json");
        assertThat(usedUp.json().get("code").asText()).isEqualTo("DOWNLOAD_GONE");
        assertThat(api.get("/api/downloads/unknown-token-123").status()).isEqualTo(404);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? and action like 'DOWNLOAD%' "
                + "order by seq", String.class, reference))
                .containsExactly("DOWNLOAD_PUBLISHED", "DOWNLOADED", "DOWNLOADED", "DOWNLOADED", "DOWNLOAD_REFUSED");

        // Expiry: the timer of DownloadExpiryProcess deletes the file and the key; running it again changes nothing.
        String expiryInstance = runtime.createProcessInstanceQuery().processDefinitionKey("DownloadExpiryProcess")
                .processInstanceBusinessKey(reference).singleResult().getId();
        Job expiry = management.createJobQuery().processInstanceId(expiryInstance).timers().singleResult();
        assertThat(expiry.getDuedate().toInstant()).isAfter(java.time.Instant.now().plus(Duration.ofDays(6)));
        management.executeJob(expiry.getId());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(file));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select deleted_at is not null from download where id = ?", Boolean.class, downloadId));
        assertThat(jdbc.queryForObject("select wrapped_key from download where id = ?", String.class, downloadId))
                .isNull();
        downloads.deleteExpired(downloadId);
        assertThat(file).doesNotExist();

        assertThat(mailbox.of(email, "RESULT_COMPLETED", reference)).hasSize(1);
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(email, "wx-openid-" + accountId)))
                .as("the engine's variables and history hold no personal data").isEmpty();
    }

    @Test
    void anExpiredLinkIsGoneAndAChineseRequestGetsAChineseIndex() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "copy-test-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        jdbc.update("insert into account_consent (account_id, purpose, granted, changed_at, source) "
                + "select id, 'MARKETING', true, now(), 'REGISTRATION' from account where email = ?", email);

        Api.Response filed = api.post("/api/requests",
                Api.json(Map.of("type", "COPY", "accountEmail", email, "language", "zh-CN")));
        String reference = filed.json().get("reference").asText();
        String token = filed.json().get("statusToken").asText();
        String code = Mailbox.codeIn(mailbox.awaitOne(email, "VERIFICATION_CODE", reference));
        assertThat(api.post("/api/requests/" + reference + "/verification", Api.json(Map.of("code", code)),
                "X-Status-Token", token).status()).isEqualTo(200);
        proceedAfterReview(reference);
        String link = Mailbox.linkIn(mailbox.awaitOne(email, "DOWNLOAD_READY", reference));
        String path = link.substring(link.indexOf("/api/downloads/"));

        Map<String, byte[]> entries = CopyPackageSupport.unzip(api.get(path).body());
        assertThat(entries.keySet()).containsExactly("index.html", "profile.json", "profile.csv",
                "consents-account-system.json", "consents-account-system.csv");
        assertThat(new String(entries.get("index.html"), StandardCharsets.UTF_8))
                .contains("<html lang=\"zh-CN\"", "您的个人信息副本", reference);

        jdbc.update("update download set expires_at = ? where request_id = (select id from rights_request where "
                + "reference = ?)", Timestamp.from(java.time.Instant.now().minusSeconds(1)), reference);
        assertThat(api.get(path).status()).as("expired after 7 days").isEqualTo(410);
    }

    private void proceedAfterReview(String reference) {
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, reference,
                "The requester is the account holder; nothing withholds the copy.");
    }

    /** A column's value as the package writes it. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
