package org.rightsflow.fulfilment.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.rightsflow.support.TaskWaits.awaitTask;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CORRECT end to end on a test account of its own: changes checked against the data map, reviewed by a privacy
 * officer on masked values, one applied and one rejected, audited without clear values, the requester told per
 * field; real-name changes only after level-2 verification; a retried apply changes nothing; and no value in the
 * engine's tables.
 */
class CorrectionFulfilmentTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    CorrectionFulfilment corrections;
    @Autowired
    RequestRepository requests;
    @Autowired
    org.rightsflow.fulfilment.consent.ConsentRegister purposes;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    record TestAccount(long id, String email, String displayName, String securityEmail, String realName,
                       String idNumber) {
    }

    private TestAccount insertAccount(String prefix) {
        long n = System.nanoTime();
        String email = prefix + "-" + n + "@example.com";
        String displayName = "Oldname" + n;
        String securityEmail = "oldsec-" + n + "@example.com";
        String realName = "张三丰" + String.format("%03d", n % 1000);
        String idNumber = "1101011990" + String.format("%08d", n % 100_000_000L);
        long id = Accounts.account(email).phone("+86139" + String.format("%08d", n % 100_000_000L))
                .displayName(displayName).birthDate("1990-01-01").insert(jdbc);
        jdbc.update("insert into account_security (account_id, security_email, updated_at) values (?, ?, current_timestamp)",
                id, securityEmail);
        jdbc.update("""
                insert into account_real_name (account_id, full_name, id_type, id_number, verification_method, verified_at)
                values (?, ?, 'RESIDENT_ID', ?, 'ID_DOCUMENT', current_timestamp)""", id, realName, idNumber);
        return new TestAccount(id, email, displayName, securityEmail, realName, idNumber);
    }

    private List<Map<String, Object>> changeRows(String requestId) {
        return jdbc.queryForList("select change_no, field, status from correction_change where request_id = ? order by change_no",
                requestId);
    }

    private List<String> auditDetails(String reference, String action) {
        AuditWaits.awaitChained(jdbc);
        return jdbc.queryForList("select detail from audit_entry where reference = ? and action = ? order by seq",
                String.class, reference, action);
    }

    @Test
    void aSupplementAddsAValueTheProviderHeldNoneForAndIsAuditedFromNothing() {
        long n = System.nanoTime();
        String email = "supplement-test-" + n + "@example.com";
        // no display name and no security row: the account holds neither value
        long accountId = Accounts.account(email).phone("+86137" + String.format("%08d", n % 100_000_000L))
                .birthDate("1990-01-01").insert(jdbc);
        String displayName = "Added" + n;
        String securityEmail = "added-sec-" + n + "@example.com";
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", email, email,
                Map.of("corrections", List.of(
                        Map.of("field", "displayName", "value", displayName),
                        Map.of("field", "securityEmail", "value", securityEmail))));
        String requestId = requests.findByReference(filed.reference()).orElseThrow().id();

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewCorrection");
        assertThat(changeRows(requestId)).as("a supplement is checked like any change, not refused as NO_RECORD")
                .containsExactly(
                        Map.of("change_no", 1, "field", "displayName", "status", "PENDING"),
                        Map.of("change_no", 2, "field", "securityEmail", "status", "PENDING"));
        String summary = tasks.getVariableLocal(review.getId(), "correctionRows").toString();
        assertThat(summary).as("nothing held, the requested value masked").contains("∅", "A***", "a***@***.com")
                .doesNotContain(displayName, securityEmail);

        StaffSignIn.as(identity, "officer");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "APPLY")
                .putValue("explanation", "Both values are the requester's own and were missing."));
        identity.clearAuthentication();
        requester.awaitStatus(filed, "COMPLETED");

        assertThat(jdbc.queryForList("select display_name from account where id = ?", String.class, accountId))
                .containsExactly(displayName);
        assertThat(jdbc.queryForList("select security_email from account_security where account_id = ?", String.class,
                accountId)).as("the security row was added for the supplement").containsExactly(securityEmail);
        List<String> applied = auditDetails(filed.reference(), "CORRECTION_APPLIED");
        assertThat(applied).hasSize(2).allSatisfy(detail -> assertThat(detail)
                .contains("\"supplement\":true", "\"old\":\"∅\"", "\"oldHash\":null", "newHash")
                .doesNotContain(displayName, securityEmail));
        Mailbox.Mail perField = mailbox.awaitOne(email, "CORRECTION_RESULT", filed.reference());
        assertThat(perField.body()).contains("1. Display name: added", "2. Security email address: added")
                .doesNotContain(displayName, securityEmail);
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(email, displayName, securityEmail))).isEmpty();
    }

    /**
     * A disputed correction restricts the contested category while it is reviewed, when the officer chooses so: the
     * rows are flagged in the account system and the purpose check answers "restricted"; the requester cannot lift it
     * with a RESTRICT lift; once the legal reviewer approved the refusal, the correction is decided and the restriction
     * ends, silently (the result notice tells the outcome).
     */
    @Test
    void aDisputedCorrectionRestrictsTheContestedCategoryUntilItIsDecided() {
        TestAccount account = insertAccount("correct-disputed");
        String newSecurityEmail = "disputed-" + System.nanoTime() + "@example.com";
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        Api api = new Api(port);
        RequesterJourney requester = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", account.email(), account.email(),
                Map.of("corrections", List.of(Map.of("field", "securityEmail", "value", newSecurityEmail))));

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewCorrection");
        StaffSignIn.as(identity, "officer");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "REJECT")
                .putValue("grounds", "[\"RISK_TO_OTHERS\"]").putValue("restrictWhileDisputed", true)
                .putValue("explanation", "The new security address is disputed: we are checking who controls it."));
        identity.clearAuthentication();
        awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");

        await().atMost(Duration.ofSeconds(60)).until(() -> restrictedSecurityRows(account.id()) == 1);
        assertThat(purposes.check(account.id(), "SECURITY", "MARKETING")).as("the purpose check while reviewed")
                .isEqualTo(org.rightsflow.fulfilment.consent.ConsentRegister.PurposeCheck.RESTRICTED);
        assertThat(purposes.check(account.id(), "REAL_NAME", "MARKETING")).as("not a contested category")
                .isNotEqualTo(org.rightsflow.fulfilment.consent.ConsentRegister.PurposeCheck.RESTRICTED);
        assertThat(jdbc.queryForMap("select p.categories, p.status from processing_restriction p join rights_request r"
                + " on r.id = p.request_id where r.reference = ?", filed.reference()))
                .containsEntry("categories", "SECURITY").containsEntry("status", "ACTIVE");
        Api.Response lift = api.post("/api/requests", Api.json(Map.of("type", "RESTRICT",
                "accountEmail", account.email(), "details", Map.of("lift", true, "reference", filed.reference()))));
        assertThat(lift.status()).as("not a restriction the requester can lift: " + lift.text()).isEqualTo(404);

        ReviewTasks.decideRefusal(tasks, identity, filed.reference(), "legal", "APPROVE",
                "The address is controlled by someone else.");
        requester.awaitStatus(filed, "REFUSED");
        await().atMost(Duration.ofSeconds(30)).until(() -> restrictedSecurityRows(account.id()) == 0);
        assertThat(purposes.check(account.id(), "SECURITY", "MARKETING"))
                .isNotEqualTo(org.rightsflow.fulfilment.consent.ConsentRegister.PurposeCheck.RESTRICTED);
        assertThat(jdbc.queryForMap("select p.status, p.lifted_by from processing_restriction p join rights_request r"
                + " on r.id = p.request_id where r.reference = ?", filed.reference()))
                .containsEntry("status", "LIFTED").containsEntry("lifted_by", "DECIDED");
        assertThat(jdbc.queryForList("select security_email from account_security where account_id = ?", String.class,
                account.id())).as("not corrected").containsExactly(account.securityEmail());
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                filed.reference())).containsSubsequence("RESTRICTED_WHILE_DISPUTED", "REFUSAL_APPROVED",
                "RESTRICTION_LIFTED");
        mailbox.awaitOne(account.email(), "RESULT_REFUSED", filed.reference());
        assertThat(mailbox.of(account.email(), "RESTRICTION_LIFTED", filed.reference())).isEmpty();
    }

    private long restrictedSecurityRows(long accountId) {
        return jdbc.queryForObject("select count(*) from account_security where account_id = ? and restricted",
                Long.class, accountId);
    }

    @Test
    void oneChangeAppliedOneRejectedOneUnknownAndTheRequesterIsToldPerField() {
        TestAccount account = insertAccount("correct-test");
        String newDisplayName = "Newname" + System.nanoTime();
        String newSecurityEmail = "newsec-" + System.nanoTime() + "@example.com";
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("CORRECT", account.email(), account.email(),
                Map.of("corrections", List.of(
                        Map.of("field", "displayName", "value", newDisplayName),
                        Map.of("field", "securityEmail", "value", newSecurityEmail),
                        Map.of("field", "shoeSize", "value", "42"))));
        String requestId = requests.findByReference(filed.reference()).orElseThrow().id();

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewCorrection");
        assertThat(tasks.createTaskQuery().taskId(review.getId()).taskCandidateGroup("privacy-officers").count()).isEqualTo(1);
        String summary = tasks.getVariableLocal(review.getId(), "correctionRows").toString();
        assertThat(summary).as("masked current and requested values, side by side")
                .contains("O***", "N***", "o***@***.com", "n***@***.com", "the checks found it cannot be applied")
                .doesNotContain(account.displayName(), newDisplayName, account.securityEmail(), newSecurityEmail,
                        "shoeSize");
        assertThat(changeRows(requestId)).containsExactly(
                Map.of("change_no", 1, "field", "displayName", "status", "PENDING"),
                Map.of("change_no", 2, "field", "securityEmail", "status", "PENDING"),
                Map.of("change_no", 3, "field", "shoeSize", "status", "NOT_CORRECTABLE"));

        // The checks' finding (change 3: a field we do not hold) is a suggestion, ticked for the officer.
        assertThat(tasks.getVariable(review.getId(), "rejectedChanges")).asString().isEqualTo("[\"3\"]");

        StaffSignIn.as(identity, "officer");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Variables.createVariables()
                .putValue("decision", "APPLY").putValue("rejectedChanges", "[\"2\"]")
                .putValue("grounds", "[\"RISK_TO_OTHERS\"]").putValue("explanation", "Security email not confirmed.")))
                .as("a change the checks found cannot be applied is never applied").hasMessageContaining("Change 3");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Variables.createVariables()
                .putValue("decision", "APPLY").putValue("rejectedChanges", "[\"2\",\"3\"]")
                .putValue("explanation", "Security email not confirmed.")))
                .as("rejecting a change needs a ground, checked on the server").hasMessageContaining("ground");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Variables.createVariables()
                .putValue("decision", "APPLY").putValue("rejectedChanges", "[\"2\",\"3\",\"7\"]")
                .putValue("grounds", "[\"RISK_TO_OTHERS\"]").putValue("explanation", "Not reviewable.")))
                .hasMessageContaining("Unknown change 7");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "APPLY")
                .putValue("rejectedChanges", "[\"2\",\"3\"]").putValue("grounds", "[\"RISK_TO_OTHERS\"]")
                .putValue("explanation", "The new security address could not be confirmed as yours."));
        identity.clearAuthentication();

        // Not applying changes is a refusal: nothing is written until a second person approves it.
        awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        assertThat(jdbc.queryForList("select display_name from account where id = ?", String.class, account.id()))
                .containsExactly(account.displayName());
        assertThat(requester.status(filed)).isEqualTo("IN_PROGRESS");
        ReviewTasks.decideRefusal(tasks, identity, filed.reference(), "legal", "APPROVE",
                "The new security address is unconfirmed; the unknown field cannot be corrected.");

        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");
        // After, row by row: the display name changed, the security email did not.
        assertThat(jdbc.queryForList("select display_name from account where id = ?", String.class, account.id()))
                .containsExactly(newDisplayName);
        assertThat(jdbc.queryForList("select security_email from account_security where account_id = ?", String.class,
                account.id())).containsExactly(account.securityEmail());
        assertThat(changeRows(requestId)).containsExactly(
                Map.of("change_no", 1, "field", "displayName", "status", "APPLIED"),
                Map.of("change_no", 2, "field", "securityEmail", "status", "REJECTED"),
                Map.of("change_no", 3, "field", "shoeSize", "status", "NOT_CORRECTABLE"));

        List<String> applied = auditDetails(filed.reference(), "CORRECTION_APPLIED");
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0)).contains("\"field\":\"displayName\"", "\"old\":\"O***\"", "\"new\":\"N***\"",
                "oldHash").doesNotContain(account.displayName(), newDisplayName);
        assertThat(auditDetails(filed.reference(), "CORRECTION_DECIDED").get(0))
                .contains("\"approved\":1", "\"rejected\":2", "RISK_TO_OTHERS");

        Mailbox.Mail perField = mailbox.awaitOne(account.email(), "CORRECTION_RESULT", filed.reference());
        assertThat(perField.body()).contains("1. Display name: corrected", "2. Security email address: not corrected",
                "3. (a field we do not hold): not corrected: this field cannot be corrected")
                .doesNotContain(newDisplayName, newSecurityEmail, account.displayName(), "shoeSize");
        Mailbox.Mail result = mailbox.awaitOne(account.email(), "RESULT_PARTIALLY_COMPLETED", filed.reference());
        assertThat(result.body()).contains("it would put the legitimate rights of others at risk",
                "The new security address could not be confirmed as yours.",
                "3: this field cannot be corrected through a request", "people's court");

        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(account.email(), account.displayName(),
                newDisplayName, account.securityEmail(), newSecurityEmail))).isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(filed.reference()).count()).isZero();
    }

    @Test
    void realNameChangesNeedLevelTwoAreAuditedMaskedAndARetriedApplyChangesNothing() {
        TestAccount account = insertAccount("correct-realname");
        String newName = "李四光" + String.format("%03d", System.nanoTime() % 1000);
        String newIdNumber = "3101011985" + String.format("%08d", System.nanoTime() % 100_000_000L);
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        Map<String, Object> details = Map.of("corrections", List.of(
                Map.of("field", "realName", "value", newName), Map.of("field", "idNumber", "value", newIdNumber)));

        // Verified at level 1 only: the checks find that the real-name changes cannot be applied; an officer still
        // decides (rejects them, with a ground), and nothing is written.
        RequesterJourney.Filed weak = requester.file("CORRECT", account.email(), details);
        String weakId = requests.findByReference(weak.reference()).orElseThrow().id();
        jdbc.update("update rights_request set verification_level = 1 where id = ?", weakId);
        assertThat(corrections.register(weakId)).as("findings go to a person").isEqualTo(2);
        assertThat(changeRows(weakId)).extracting(r -> r.get("status")).containsExactly("NEEDS_LEVEL_2", "NEEDS_LEVEL_2");
        assertThat(corrections.suggestedRejections(weakId)).containsExactly("1", "2");
        assertThatThrownBy(() -> corrections.decide(weakId, "APPLY", List.of(), List.of(), "Looks fine.", "officer"))
                .hasMessageContaining("cannot be applied");
        assertThat(corrections.decide(weakId, "REJECT", List.of(), List.of("RISK_TO_OTHERS"),
                "Real-name data changes only after the stronger identity check.", "officer"))
                .isEqualTo(new CorrectionFulfilment.Decision(0, 2));
        CorrectionFulfilment.Result refused = corrections.apply(weakId, List.of(), null);
        assertThat(refused.outcome()).isEqualTo("REFUSED");
        assertThat(refused.explanation()).contains("1: changing real-name data needs the stronger identity check");

        // Verified at level 2 (email and phone codes): reviewed on masked values, applied once.
        RequesterJourney.Filed strong = requester.file("CORRECT", account.email(), details);
        String requestId = requests.findByReference(strong.reference()).orElseThrow().id();
        jdbc.update("update rights_request set verification_level = 2 where id = ?", requestId);
        List<Map<String, Object>> before = jdbc.queryForList(
                "select full_name, id_number from account_real_name where account_id = ?", account.id());
        assertThat(before).containsExactly(Map.of("full_name", account.realName(), "id_number", account.idNumber()));

        assertThat(corrections.register(requestId)).isEqualTo(2);
        assertThat(corrections.register(requestId)).as("registering again changes nothing").isEqualTo(2);
        String summary = corrections.reviewView(requestId).rows().toString();
        String maskedId = "**************" + account.idNumber().substring(14); // the last 4 digits only
        assertThat(summary).contains("张*****", maskedId, "李*****", "REAL_NAME, sensitive")
                .doesNotContain(account.realName(), account.idNumber(), newName, newIdNumber);
        corrections.decide(requestId, "APPLY", List.of(), List.of(), "Checked against the new ID document.", "officer");

        // the account system's step writes the changes (a retried step writes nothing), then the outcome is told
        assertThat(corrections.applyInSystem(requestId, "account-system")).containsExactly(1, 2);
        assertThat(corrections.applyInSystem(requestId, "account-system")).isEmpty();
        CorrectionFulfilment.Result first = corrections.apply(requestId, List.of(), null);
        CorrectionFulfilment.Result retried = corrections.apply(requestId, List.of(), null);
        assertThat(first.outcome()).isEqualTo("COMPLETED");
        assertThat(retried).as("a retried job reports the same and writes nothing").isEqualTo(first);
        assertThat(jdbc.queryForList("select full_name, id_number from account_real_name where account_id = ?",
                account.id())).containsExactly(Map.of("full_name", newName, "id_number", newIdNumber));

        List<String> applied = auditDetails(strong.reference(), "CORRECTION_APPLIED");
        assertThat(applied).as("one audit entry per change, not per attempt").hasSize(2);
        assertThat(String.join("\n", applied)).contains("\"sensitive\":true", "\"old\":\"张*****\"", maskedId)
                .doesNotContain(account.realName(), account.idNumber(), newName, newIdNumber);
        assertThat(jdbc.queryForObject("select count(*) from notice_outbox where dedup_key = ?", Integer.class,
                "correction-result:" + requestId)).isEqualTo(1);
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(account.realName(), account.idNumber(),
                newName, newIdNumber))).isEmpty();
    }
}
