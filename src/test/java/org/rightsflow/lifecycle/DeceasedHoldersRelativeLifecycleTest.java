package org.rightsflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.rightsflow.demo.DemoAccounts;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A close relative of a deceased account holder, end to end through the real HTTP API, Tasklist's REST API and the
 * mails at GreenMail (PIPL Art. 49): the relative files for the demo's deceased holder with the address for the
 * answers, gets no code, uploads evidence (PDF and PNG by content; a renamed executable, a file over 10 MB, a sixth
 * file and an upload after the check are refused and store nothing), intake staff read it (nobody else may) and
 * verify by hand, the request always goes to a privacy officer's review, and the result reaches the relative worded
 * about the deceased's data; the evidence is gone when the request closes. An account whose holder arranged otherwise
 * is refused with two people. Nothing of the relative's (address, file names) reaches the engine.
 */
class DeceasedHoldersRelativeLifecycleTest extends PostgresIntegrationTest {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] EXECUTABLE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;

    private final HttpClient http = HttpClient.newHttpClient();

    private Api api() {
        return new Api(port);
    }

    private Mailbox mailbox() {
        return new Mailbox(TestInfrastructure.mail());
    }

    record Part(String fileName, String contentType, byte[] content) {
    }

    record Filed(String reference, String token) {
    }

    private Filed fileAsRelative(String type, String accountEmail, String relativeEmail) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", type, "accountEmail", accountEmail, "language", "en"));
        body.put("onBehalfOf", Map.of("relationship", "CLOSE_RELATIVE_OF_DECEASED", "contactEmail", relativeEmail));
        Api.Response filed = api().post("/api/requests", Api.json(body));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        return new Filed(filed.json().get("reference").asText(), filed.json().get("statusToken").asText());
    }

    /** A real multipart upload, as a browser or a client library sends it. */
    private HttpResponse<String> upload(Filed filed, List<Part> parts) throws Exception {
        String boundary = "----rightsflow" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(part.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/requests/"
                        + filed.reference() + "/evidence"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Status-Token", filed.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> staffFile(String user, String reference, int number) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/requests/" + reference
                        + "/evidence/" + number))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private int stored(String reference) {
        return jdbc.queryForObject("select count(*) from request_evidence e join rights_request r on r.id = e.request_id"
                + " where r.reference = ?", Integer.class, reference);
    }

    private static String code(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return answer.body().replaceAll(".*\"code\":\"([A-Z_]+)\".*", "$1");
    }

    private Task awaitTask(String reference, String key) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(reference).taskDefinitionKey(key).count() == 1);
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult();
    }

    private void complete(String user, Task task, String variables) {
        StaffHttp.Response done = StaffHttp.as(port, user).post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{" + variables + "}}");
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    @Test
    void aRelativesAccessWithEvidenceRunsToItsEndAndTheEvidenceGoesWithTheRequest() throws Exception {
        String relative = "sun-relative-" + System.nanoTime() + "@example.com";
        Filed filed = fileAsRelative("ACCESS", DemoAccounts.SUN_LAN, relative);

        Mailbox.Mail ack = mailbox().awaitOne(relative, "ACKNOWLEDGEMENT", filed.reference());
        assertThat(ack.body()).contains("close relative of a deceased account holder", "No code is sent",
                "view the deceased account holder's personal information");
        Task check = awaitTask(filed.reference(), "Task_VerifyIdentityManually");
        assertThat(mailbox().all()).as("no code to anyone: the relative has no contact on file")
                .noneMatch(m -> m.kind().startsWith("VERIFICATION_") && m.body().contains(filed.reference())
                        // the suite's second context numbers its references from 1 too: only this request's people
                        && (m.to().equalsIgnoreCase(relative) || m.to().equalsIgnoreCase(DemoAccounts.SUN_LAN)
                            || m.to().startsWith("sms+8613800000007")));
        Api.Response code = api().post("/api/requests/" + filed.reference() + "/verification",
                Api.json(Map.of("code", "123456")), "X-Status-Token", filed.token());
        assertThat(code.status()).isEqualTo(423);
        assertThat(code.json().get("reason").asText()).isEqualTo("RELATIVE_OF_DECEASED");

        // evidence: a PDF and a PNG by their content; the names are never kept
        String fileName = "death-certificate-sunlan-" + System.nanoTime() + ".pdf";
        HttpResponse<String> first = upload(filed, List.of(new Part(fileName, "application/pdf", PDF),
                new Part("relationship.png", "image/png", PNG)));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).isEqualTo("{\"evidenceFiles\":2}");

        // bad input stores nothing
        HttpResponse<String> renamed = upload(filed, List.of(new Part("id-card.pdf", "application/pdf", EXECUTABLE),
                new Part("more.pdf", "application/pdf", PDF)));
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(code(renamed)).isEqualTo("UNSUPPORTED_FILE_TYPE");
        byte[] tooLarge = Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);
        HttpResponse<String> large = upload(filed, List.of(new Part("scan.pdf", "application/pdf", tooLarge)));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(code(large)).isEqualTo("FILE_TOO_LARGE");
        List<Part> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(new Part("page-" + i + ".pdf", "application/pdf", PDF));
        }
        HttpResponse<String> tooMany = upload(filed, four);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(code(tooMany)).isEqualTo("TOO_MANY_FILES");
        assertThat(stored(filed.reference())).isEqualTo(2);
        assertThat(jdbc.queryForList("select content from request_evidence e join rights_request r on r.id = e.request_id"
                + " where r.reference = ? order by number", byte[].class, filed.reference()))
                .as("encrypted at rest").noneMatch(content -> Arrays.equals(content, PDF) || Arrays.equals(content, PNG)
                        || new String(content, StandardCharsets.ISO_8859_1).contains("%PDF"));

        // intake staff read it from the identity check; nobody else may
        HttpResponse<byte[]> read = staffFile("intake", filed.reference(), 1);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(PDF);
        assertThat(read.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(staffFile("officer", filed.reference(), 1).statusCode()).isEqualTo(403);
        assertThat(staffFile("auditor", filed.reference(), 2).statusCode()).isEqualTo(403);
        StaffHttp.Response list = StaffHttp.as(port, "intake").get("/staff/requests/" + filed.reference() + "/evidence");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("image/png", "application/pdf").doesNotContain(fileName, "relationship.png");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ?", String.class, filed.reference()))
                .contains("EVIDENCE_UPLOADED", "EVIDENCE_VIEWED");

        complete("intake", check, "\"decision\":{\"value\":\"VERIFIED\"},\"explanation\":{\"value\":"
                + "\"Death certificate, household register and the relative's ID card match the account.\"}");
        HttpResponse<String> late = upload(filed, List.of(new Part("late.pdf", "application/pdf", PDF)));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(code(late)).isEqualTo("VERIFICATION_CLOSED");

        // every relative's request is reviewed by a privacy officer
        Task review = awaitTask(filed.reference(), "Task_ReviewExemptions");
        complete("officer", review, "\"decision\":{\"value\":\"PROCEED\"},\"explanation\":{\"value\":"
                + "\"Close relative, own legitimate interest; no instruction of the deceased on the account.\"}");

        Mailbox.Mail ready = mailbox().awaitOne(relative, "DOWNLOAD_READY", filed.reference());
        assertThat(ready.body()).contains("view the deceased account holder's personal information")
                .doesNotContain("your personal information");
        String downloadPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                Mailbox.pageLinkIn(ready).replaceFirst("^https?://[^/]+", "http://localhost:" + port))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(downloadPage).as("the link's page speaks of the deceased's report")
                .contains("The report of the personal information we hold about the deceased account holder")
                .doesNotContain("about you");
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(api().get("/api/requests/"
                + filed.reference(), "X-Status-Token", filed.token()).json().get("status").asText()));
        assertThat(stored(filed.reference())).as("the evidence goes when the request closes").isZero();
        assertThat(mailbox().all()).as("nothing to the deceased's own address")
                .noneMatch(m -> m.to().equalsIgnoreCase(DemoAccounts.SUN_LAN) && m.body().contains(filed.reference()));
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(relative, fileName, "relationship.png")))
                .as("nothing of the relative's in the engine").isEmpty();
    }

    @Test
    void theDeceasedsOwnInstructionIsProposedForRefusalAndRefusedOnlyByTwoPeople() throws Exception {
        long nano = System.nanoTime();
        String holder = "instructed-holder-" + nano + "@example.com";
        Accounts.account(holder).phone("+86133" + String.format("%08d", nano % 100_000_000L))
                .displayName("Gu Wanqing Test").birthDate("1940-05-01")
                .deceased(java.time.LocalDate.now().minusDays(30), true).insert(jdbc);
        String relative = "instructed-relative-" + nano + "@example.com";
        Filed filed = fileAsRelative("COPY", holder, relative);
        assertThat(upload(filed, List.of(new Part("certificate.pdf", "application/pdf", PDF))).statusCode()).isEqualTo(201);
        complete("intake", awaitTask(filed.reference(), "Task_VerifyIdentityManually"),
                "\"decision\":{\"value\":\"VERIFIED\"},\"explanation\":{\"value\":\"Evidence matches.\"}");

        Task review = awaitTask(filed.reference(), "Task_ReviewExemptions");
        String card = String.valueOf(tasks.getVariable(review.getId(), "taskCard"));
        assertThat(card).contains("arranged otherwise", "LEGAL_OBLIGATION");
        complete("officer", review, "\"decision\":{\"value\":\"REFUSE\"},\"grounds\":{\"value\":\"[\\\"LEGAL_OBLIGATION\\\"]\"},"
                + "\"explanation\":{\"value\":\"The account holder arranged during her lifetime that her information is not "
                + "disclosed to relatives (PIPL Art. 49).\"}");
        Task approval = awaitTask(filed.reference(), "Task_ApproveRefusal");
        StaffHttp.Response ownApproval = StaffHttp.as(port, "officer").post("/engine-rest/task/" + approval.getId()
                + "/complete", "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"explanation\":{\"value\":\"ok\"}}}");
        assertThat(ownApproval.status()).as("the proposer never approves").isNotEqualTo(204);
        complete("legal", approval, "\"decision\":{\"value\":\"APPROVE\"},\"explanation\":{\"value\":\"Agreed.\"}");

        Mailbox.Mail refused = mailbox().awaitOne(relative, "RESULT_REFUSED", filed.reference());
        assertThat(refused.body()).contains("PIPL Art. 49", "people's court");
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(filed.reference()) == 0);
    }

    /** The Privacy Center's filing and evidence pages, as a browser without script sends them (the status cookie). */
    @Test
    void aRelativeFilesAndUploadsEvidenceThroughThePrivacyCenterInBothLanguages() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/request/COPY?lang=zh-CN")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(form).contains("我是已去世的账号持有人的近亲属", "您本人的邮箱（仅限近亲属填写）");
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/request/TRANSFER?lang=zh-CN")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).as("only the four rights of relatives offer it")
                .doesNotContain("CLOSE_RELATIVE_OF_DECEASED");
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(form);
        assertThat(key.find()).isTrue();
        String relative = "page-relative-" + System.nanoTime() + "@example.com";
        HttpResponse<String> filed = browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/request/COPY"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("idempotencyKey=" + key.group(1) + "&accountEmail="
                        + java.net.URLEncoder.encode(DemoAccounts.SUN_LAN, StandardCharsets.UTF_8)
                        + "&filedAs=CLOSE_RELATIVE_OF_DECEASED&relativeContactEmail="
                        + java.net.URLEncoder.encode(relative, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String reference = filed.headers().firstValue("Location").orElseThrow().replaceAll(".*/status/([^/]+)/verify$", "$1");
        assertThat(jdbc.queryForObject("select filed_as from rights_request where reference = ?", String.class, reference))
                .isEqualTo("CLOSE_RELATIVE_OF_DECEASED");
        mailbox().awaitOne(relative, "ACKNOWLEDGEMENT", reference);

        String verify = browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/status/" + reference
                + "/verify?lang=zh-CN")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(verify).contains("不使用验证码", "/privacy/status/" + reference + "/evidence")
                .doesNotContain("id=\"verify-form\"");
        // the status page speaks of the deceased holder's information, names the evidence as the next step and the
        // relative's own address for the answers, never "your personal information" or the contacts on file
        String status = browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/status/" + reference
                + "?lang=en")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("Get a copy of the deceased account holder’s personal information",
                        "from the evidence you upload", "the email address you gave", "id=\"evidence-link\"")
                .doesNotContain("your personal information", "registered for the account");
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/status/" + reference
                + "?lang=zh-CN")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("复制已故账号持有人的个人信息", "您填写的邮箱").doesNotContain("账号登记");
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/privacy/status/" + reference
                + "/evidence?lang=en")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Upload a death certificate", "Files received so far: 0 of at most 5",
                "enctype=\"multipart/form-data\"");

        HttpResponse<String> stored = browser.send(multipart(base + "/privacy/status/" + reference + "/evidence",
                List.of(new Part("household-register.png", "image/png", PNG))), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("we received your files", "Files received so far: 1 of at most 5");
        HttpResponse<String> renamed = browser.send(multipart(base + "/privacy/status/" + reference + "/evidence?lang=zh-CN",
                List.of(new Part("photo.png", "image/png", EXECUTABLE))), HttpResponse.BodyHandlers.ofString());
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(renamed.body()).contains("只接受 PDF、JPEG 和 PNG 文件；未保存任何文件");
        assertThat(stored(reference)).isEqualTo(1);
        HttpResponse<String> stranger = HttpClient.newHttpClient().send(multipart(base + "/privacy/status/" + reference
                + "/evidence", List.of(new Part("x.png", "image/png", PNG))), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).as("without the request's status cookie").isEqualTo(404);
        assertThat(stored(reference)).isEqualTo(1);
    }

    private static HttpRequest multipart(String url, List<Part> parts) throws Exception {
        String boundary = "----rightsflow" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(part.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    @Test
    void onlyTheFourRightsOfRelativesAndOnlyWithAnAddressAndNoEvidenceForOthers() throws Exception {
        for (String type : List.of("TRANSFER", "CANCEL_ACCOUNT", "WITHDRAW_CONSENT", "EXPLAIN", "RESTRICT")) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("type", type, "accountEmail", DemoAccounts.SUN_LAN));
            body.put("onBehalfOf", Map.of("relationship", "CLOSE_RELATIVE_OF_DECEASED", "contactEmail", "kin@example.com"));
            Api.Response answer = api().post("/api/requests", Api.json(body));
            assertThat(answer.status()).as(type).isEqualTo(400);
            assertThat(answer.json().get("code").asText()).isEqualTo("RIGHT_NOT_OPEN_TO_RELATIVES");
        }
        Api.Response noAddress = api().post("/api/requests", Api.json(Map.of("type", "ACCESS", "accountEmail",
                DemoAccounts.SUN_LAN, "onBehalfOf", Map.of("relationship", "CLOSE_RELATIVE_OF_DECEASED"))));
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.json().get("code").asText()).isEqualTo("INVALID_ON_BEHALF_OF");

        Api.Response own = api().post("/api/requests", Api.json(Map.of("type", "ACCESS", "accountEmail",
                "holder-own-" + System.nanoTime() + "@example.com")));
        Filed holders = new Filed(own.json().get("reference").asText(), own.json().get("statusToken").asText());
        HttpResponse<String> notExpected = upload(holders, List.of(new Part("x.pdf", "application/pdf", PDF)));
        assertThat(notExpected.statusCode()).isEqualTo(409);
        assertThat(code(notExpected)).isEqualTo("EVIDENCE_NOT_EXPECTED");
        HttpResponse<String> wrongToken = upload(new Filed(holders.reference(), "not-the-token"),
                List.of(new Part("x.pdf", "application/pdf", PDF)));
        assertThat(wrongToken.statusCode()).isEqualTo(404);
        assertThat(stored(holders.reference())).isZero();
    }
}
