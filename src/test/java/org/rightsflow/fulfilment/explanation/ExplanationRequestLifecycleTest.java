package org.rightsflow.fulfilment.explanation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rightsflow.support.TaskWaits.awaitTask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.copy.TestAccounts;
import org.rightsflow.operations.timeline.RequesterData;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.TasklistSession;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * EXPLAIN end to end on PostgreSQL, through the requester API, Tasklist's own REST API (the officer's session) and the
 * mail server: the officer's form opens with the data map's facts for the account, the edited answer reaches the
 * contact on file, the question is shown to staff and appears in no notice and no engine table; a refusal needs a
 * second person; bad input creates nothing.
 */
class ExplanationRequestLifecycleTest extends PostgresIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    RequesterData requesterData;

    @Test
    void anOfficerAnswersFromTheDraftInTasklistAndTheAnswerReachesTheContactOnFile() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "explain-test-" + System.nanoTime() + "@example.com";
        TestAccounts.withDataInEveryCategory(jdbc, email);
        String question = "Why do you keep my bank card number " + System.nanoTime() + " after I stopped paying?";
        RequesterJourney journey = new RequesterJourney(api, mailbox);

        RequesterJourney.Filed filed = journey.fileAndVerify("EXPLAIN", email, email,
                Map.of("question", question, "topics", List.of("RETENTION", "RECIPIENTS")));
        String reference = filed.reference();
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, reference, "No exemption applies to an explanation.");
        Task task = awaitTask(tasks, reference, "Task_AnswerQuestion");

        TasklistSession officer = TasklistSession.signIn(port, "officer");
        TasklistSession.Response opened = officer.taskFormVariables(task.getId());
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        JsonNode variables = JSON.readTree(opened.body());
        String draft = variables.path("explanation").path("value").asText();
        assertThat(draft).as("the draft, in the request's language, with the data map's facts for the account")
                .contains("In answer to your request " + reference, "Payment data", "kept:", "shared with")
                .doesNotContain(question, email, "source:");
        assertThat(variables.path("explanationTopics").path("value").asText()).isEqualTo("RETENTION,RECIPIENTS");
        assertThat(opened.body()).doesNotContain(question);

        String answer = draft + "\nWe keep payment records for three years after each payment because the E-Commerce Law requires it.";
        TasklistSession.Response sent = officer.submitTaskForm(task.getId(), Map.of("decision", "PROCEED",
                "explanation", answer));
        assertThat(sent.status()).as(sent.body()).isEqualTo(204);
        journey.awaitStatus(filed, "COMPLETED");

        Mailbox.Mail mail = mailbox.awaitOne(email, "EXPLANATION_ANSWER", reference);
        assertThat(mail.body()).contains("because the E-Commerce Law requires it", reference)
                .as("the question is never repeated in a notice").doesNotContain(question, "bank card number");
        assertThat(mailbox.of(email, "EXPLANATION_ANSWER", reference)).hasSize(1);
        mailbox.awaitOne(email, "RESULT_COMPLETED", reference); // sent by the outbox after the status changed
        assertThat(mailbox.all().stream().filter(m -> m.body().contains(question))).as("no mail holds the question")
                .isEmpty();

        assertThat(jdbc.queryForMap("select a.answer, a.answered_by from explanation_answer a join rights_request r"
                + " on r.id = a.request_id where r.reference = ?", reference))
                .containsEntry("answered_by", "officer").containsEntry("answer", answer.strip());
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class,
                reference)).containsSubsequence("EXPLANATION_ANSWERED", "EXPLANATION_SENT", "REQUEST_COMPLETED");
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(question, email)))
                .as("neither the question nor the email reaches the engine").isEmpty();
        assertThat(requesterData.typedValues(reference, "officer"))
                .as("staff read the question as typed, on the request's page")
                .contains(new RequesterData.Item("question", question));
    }

    @Test
    void aRefusalIsOnlyAProposalUntilALegalReviewerApprovesItAndNoAnswerIsSent() {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "explain-test-" + System.nanoTime() + "@example.com";
        TestAccounts.plain(jdbc, email);
        RequesterJourney journey = new RequesterJourney(api, mailbox);

        RequesterJourney.Filed filed = journey.fileAndVerify("EXPLAIN", email, email,
                Map.of("question", "Same as my last three questions."));
        String reference = filed.reference();
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, reference, "No exemption applies to an explanation.");
        Task task = awaitTask(tasks, reference, "Task_AnswerQuestion");

        TasklistSession.Response proposed = TasklistSession.signIn(port, "officer").submitTaskForm(task.getId(),
                Map.of("decision", "REFUSE", "grounds", "[\"REPETITIVE\"]",
                        "explanation", "We answered the same question three times this month."));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(204);
        awaitTask(tasks, reference, "Task_ApproveRefusal");
        assertThat(journey.status(filed)).as("a proposal refuses nothing yet").isEqualTo("IN_PROGRESS");

        ReviewTasks.decideRefusal(tasks, identity, reference, "legal", "APPROVE", "Repetition is documented.");
        journey.awaitStatus(filed, "REFUSED");

        Mailbox.Mail refused = mailbox.awaitOne(email, "RESULT_REFUSED", reference);
        assertThat(refused.body()).contains("We answered the same question three times this month.")
                .doesNotContain("Same as my last three questions.");
        assertThat(mailbox.of(email, "EXPLANATION_ANSWER", reference)).isEmpty();
        assertThat(jdbc.queryForMap("select p.subject, p.proposed_by, p.decided_by from refusal_proposal p"
                + " join rights_request r on r.id = p.request_id where r.reference = ?", reference))
                .containsEntry("subject", "EXPLANATION").containsEntry("proposed_by", "officer")
                .containsEntry("decided_by", "legal");
    }

    @Test
    void aQuestionTooLongEmptyOrWithUnknownTopicsCreatesNothing() {
        Api api = new Api(port);
        String email = "explain-test-" + System.nanoTime() + "@example.com";
        Integer before = jdbc.queryForObject("select count(*) from rights_request", Integer.class);
        for (Object details : List.of(
                Map.of("question", "x".repeat(2001)),
                Map.of("question", "   "),
                Map.of(),
                Map.of("question", "What do you share?", "topics", List.of("EVERYTHING")),
                Map.of("question", "What do you share?", "topics", List.of()),
                Map.of("question", "What do you share?", "answer", "yes"))) {
            Api.Response response = api.post("/api/requests", Api.json(Map.of("type", "EXPLAIN",
                    "accountEmail", email, "details", details)));
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("code").asText()).isIn("INVALID_DETAILS", "UNKNOWN_FIELD");
        }
        assertThat(jdbc.queryForObject("select count(*) from rights_request", Integer.class)).isEqualTo(before);
        Api.Response longest = api.post("/api/requests", Api.json(Map.of("type", "EXPLAIN", "accountEmail", email,
                "details", Map.of("question", "问".repeat(2000)))));
        assertThat(longest.status()).as("2,000 characters are allowed").isEqualTo(201);
    }
}
