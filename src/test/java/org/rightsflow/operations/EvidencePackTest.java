package org.rightsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rightsflow.operations.evidence.EvidencePackVerifier;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.rightsflow.web.staff.StaffBrowserSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A refused request's timeline and evidence pack, end to end: the officer proposes a refusal, the legal reviewer
 * approves it (four eyes), and then the register shows who did what, and the signed pack verifies, names what changed
 * when one byte is altered, holds no contact of the requester, and every download is audited. Only the groups that
 * may see a pack, the typed values or the contacts get them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidencePackTest extends PostgresIntegrationTest {

    private static final String EXPLANATION = "A preservation order covers this account (evidence pack test).";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    private String email;
    private String reference;

    @BeforeAll
    void aRefusalProposedByTheOfficerAndApprovedByLegal() {
        email = "evidence-" + System.nanoTime() + "@example.com";
        Accounts.account(email).phone("+8613900000077").displayName("Evidence Holder").legalHold().insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);
        reference = filed.reference();
        complete("Task_ReviewExemptions", "officer", Variables.createVariables().putValue("decision", "REFUSE")
                .putValue("grounds", "[\"LEGAL_OBLIGATION\",\"CRIMINAL_PROCEEDINGS\"]").putValue("explanation", EXPLANATION));
        complete("Task_ApproveRefusal", "legal", Variables.createVariables().putValue("decision", "APPROVE")
                .putValue("explanation", "Checked the order."));
        requester.awaitStatus(filed, "REFUSED");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from notice_outbox o join rights_request r on r.id = o.request_id"
                        + " where r.reference = ? and o.kind = 'RESULT_REFUSED' and o.sent_at is not null", Long.class, reference) == 1);
        AuditWaits.awaitChained(jdbc);
    }

    private void complete(String taskKey, String user, org.camunda.bpm.engine.variable.VariableMap variables) {
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(taskKey).count() == 1);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
        StaffSignIn.as(identity, user);
        try {
            tasks.claim(task.getId(), user);
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void theTimelineShowsWhoDidWhatAndTheAuditChainHolds() {
        StaffHttp.Response response = StaffHttp.as(port, "auditor").get("/staff/api/requests/" + reference);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode timeline = response.json();
        assertThat(timeline.at("/summary/status").asText()).isEqualTo("REFUSED");
        assertThat(timeline.at("/summary/grounds").toString()).contains("LEGAL_OBLIGATION", "CRIMINAL_PROCEEDINGS");
        JsonNode proposal = timeline.get("decisions").get(0);
        assertThat(proposal.get("role").asText()).isEqualTo("PROPOSAL");
        assertThat(proposal.get("decidedBy").asText()).isEqualTo("officer");
        assertThat(proposal.get("decision").asText()).isEqualTo("REFUSE");
        assertThat(proposal.get("grounds").toString()).contains("LEGAL_OBLIGATION", "CRIMINAL_PROCEEDINGS");
        assertThat(proposal.get("explanation").asText()).isEqualTo(EXPLANATION);
        assertThat(proposal.get("approvedBy").asText()).isEqualTo("legal");
        assertThat(proposal.get("approval").asText()).isEqualTo("APPROVE");
        assertThat(timeline.get("tasks").toString()).contains("\"operation\":\"Claim\",\"userId\":\"officer\"")
                .contains("\"operation\":\"Complete\",\"userId\":\"legal\"");
        assertThat(timeline.get("notices").toString()).contains("RESULT_REFUSED").contains("@rightsflow>")
                .doesNotContain(email);
        assertThat(timeline.get("statuses").toString()).contains("IN_REVIEW").contains("REFUSED");
        assertThat(timeline.get("audit").size()).isGreaterThan(3);
        timeline.get("audit").forEach(entry -> assertThat(entry.get("hashMatches").asBoolean() && entry.get("linked").asBoolean())
                .as(entry.toString()).isTrue());
        assertThat(response.body()).as("no contact of the requester").doesNotContain(email).doesNotContain("13900000077");

        StaffBrowserSession browser = new StaffBrowserSession(port);
        browser.signIn("auditor");
        String html = browser.get("/staff/requests/" + reference + "?lang=en").body();
        assertThat(html).contains(EXPLANATION).contains("LEGAL_OBLIGATION").contains("id=\"audit-verdict\" class=\"notice\"")
                .contains("id=\"evidence-pack\"").doesNotContain("id=\"extend-form\"").doesNotContain(email);
    }

    @Test
    void theSignedPackVerifiesAndNamesWhatChangedWhenOneByteIsAltered() throws IOException {
        String fingerprint = StaffHttp.as(port, "auditor").get("/staff/api/evidence-key").json().get("fingerprint").asText();
        byte[] pack = download("auditor", 200);
        EvidencePackVerifier.Result result = EvidencePackVerifier.verify(pack, fingerprint);
        assertThat(result.problems()).isEmpty();
        assertThat(result.verified()).isTrue();
        assertThat(result.reference()).isEqualTo(reference);

        Map<String, byte[]> files = ZipFiles.unzip(pack);
        assertThat(files).containsKeys("request.json", "timeline.json", "decisions.json", "audit/entries.json",
                "audit/chain-verification.json", "process/path.json", "notices/index.json", "README.txt");
        assertThat(files.keySet()).anyMatch(name -> name.matches("models/RightsRequestProcess-v\\d+\\.bpmn"))
                .anyMatch(name -> name.matches("models/exemption-triage-v\\d+\\.dmn|models/[A-Za-z-]*[Tt]riage[A-Za-z-]*-v\\d+\\.dmn"));
        String decisions = new String(files.get("decisions.json"), StandardCharsets.UTF_8);
        assertThat(decisions).contains("\"decidedBy\" : \"officer\"").contains("\"approvedBy\" : \"legal\"").contains(EXPLANATION);
        assertThat(new String(files.get("audit/chain-verification.json"), StandardCharsets.UTF_8)).contains("\"intact\" : true");
        assertThat(new String(files.get("process/path.json"), StandardCharsets.UTF_8)).contains("Task_ReviewExemptions")
                .contains("Task_ApproveRefusal");
        String codeNotice = files.entrySet().stream().filter(e -> e.getKey().contains("VERIFICATION_CODE")).findFirst()
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).orElseThrow();
        // the text after the headers: the Message-ID is a random UUID, which may hold six digits in a row
        assertThat(codeNotice).contains("Subject:");
        assertThat(codeNotice.substring(codeNotice.indexOf("\n\n"))).doesNotContainPattern("(?<!\\d)\\d{6}(?!\\d)");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            assertThat(text).as(file.getKey() + " holds no contact of the requester")
                    .doesNotContain(email).doesNotContain("13900000077").doesNotContain("Evidence Holder");
        }

        // one byte altered inside a file's data: the verifier names that file
        byte[] altered = pack.clone();
        int data = dataOffset(altered, "decisions.json");
        altered[data + 5] ^= 0x01;
        EvidencePackVerifier.Result broken = EvidencePackVerifier.verify(altered, fingerprint);
        assertThat(broken.verified()).isFalse();
        assertThat(broken.problems()).anyMatch(p -> p.contains("decisions.json"));

        // a file rewritten (its ZIP entry well-formed): the manifest's hash names it
        Map<String, byte[]> rewritten = new LinkedHashMap<>(files);
        rewritten.put("decisions.json", decisions.replace("\"officer\"", "\"officer2\"").getBytes(StandardCharsets.UTF_8));
        EvidencePackVerifier.Result changed = EvidencePackVerifier.verify(ZipFiles.zip(rewritten), fingerprint);
        assertThat(changed.problems()).singleElement().asString().startsWith("file decisions.json was changed");

        // the manifest rewritten to match: the signature fails
        Map<String, byte[]> forged = new LinkedHashMap<>(files);
        forged.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace(reference, reference.replace("RR-", "RX-")).getBytes(StandardCharsets.UTF_8));
        assertThat(EvidencePackVerifier.verify(ZipFiles.zip(forged), fingerprint).problems())
                .anyMatch(p -> p.contains("signature does not match"));

        // an audit entry changed in the pack is named by its sequence number
        Map<String, byte[]> auditChanged = new LinkedHashMap<>(files);
        auditChanged.put("audit/entries.json", new String(files.get("audit/entries.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"actor\" : \"officer\"", "\"actor\" : \"intake\"").getBytes(StandardCharsets.UTF_8));
        assertThat(EvidencePackVerifier.verify(ZipFiles.zip(auditChanged), fingerprint).problems())
                .anyMatch(p -> p.startsWith("audit/entries.json: audit entry"));

        // a pack signed with any other key is refused against the server's fingerprint
        assertThat(EvidencePackVerifier.verify(pack, "00".repeat(32)).problems())
                .anyMatch(p -> p.contains("not with the expected key"));

        // the download was audited, with the SHA-256 of exactly what was handed out
        String sha = org.rightsflow.operations.evidence.EvidencePackFormat.sha256(pack);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action = "
                + "'EVIDENCE_PACK_DOWNLOADED' and actor = 'auditor' and detail like ?", Long.class, reference, "%" + sha + "%"))
                .isEqualTo(1);
    }

    @Test
    void onlyOfficersAndAuditorsGetAPackAndOnlyTheDecidingGroupSeesPersonalData() {
        download("officer", 200);
        for (String user : new String[] {"intake", "legal", "operator", "admin"}) {
            download(user, 403);
        }
        assertThat(StaffHttp.anonymous(port).get("/staff/api/requests/" + reference + "/evidence-pack").status()).isEqualTo(401);

        String path = "/staff/api/requests/" + reference;
        StaffHttp.Response contacts = StaffHttp.as(port, "intake").post(path + "/contacts", "");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.body()).contains(email).contains("+8613900000077");
        assertThat(StaffHttp.as(port, "officer").post(path + "/contacts", "").status()).isEqualTo(403);
        assertThat(StaffHttp.as(port, "auditor").post(path + "/contacts", "").status()).isEqualTo(403);
        assertThat(StaffHttp.as(port, "intake").post(path + "/typed-values", "").status()).isEqualTo(403);
        assertThat(StaffHttp.as(port, "officer").post(path + "/typed-values", "").status()).isEqualTo(200);
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action = 'CONTACTS_VIEWED'"
                + " and actor = 'intake'", Long.class, reference)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action = "
                + "'REQUESTER_VALUES_VIEWED' and actor = 'officer'", Long.class, reference)).isGreaterThanOrEqualTo(1);
    }

    private byte[] download(String user, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/api/requests/"
                        + reference + "/evidence-pack"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .GET().build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(user).isEqualTo(expected);
            if (expected == 200) {
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
                assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Where the (compressed) data of an entry starts: after its local file header. */
    static int dataOffset(byte[] zip, String name) {
        byte[] needle = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + needle.length < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x03 && zip[i + 3] == 0x04) {
                int nameLength = (zip[i + 26] & 0xff) | (zip[i + 27] & 0xff) << 8;
                int extraLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                if (nameLength == needle.length && new String(zip, i + 30, nameLength, StandardCharsets.UTF_8).equals(name)) {
                    return i + 30 + nameLength + extraLength;
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }

}
