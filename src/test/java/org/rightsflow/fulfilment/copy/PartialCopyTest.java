package org.rightsflow.fulfilment.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A partial refusal approved by a second person takes its categories out of the package: the real-name data stays
 * out of the ZIP, everything else is in it, and the requester is told what was withheld and why.
 */
class PartialCopyTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private Task awaitTask(String reference, String key) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).count() == 1);
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult();
    }

    @Test
    void anApprovedPartialRefusalLeavesItsCategoriesOutOfThePackage() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "partial-copy-" + System.nanoTime() + "@example.com";
        TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney.Filed filed = new RequesterJourney(api, mailbox).fileAndVerify("COPY", email, email, null);

        Task review = awaitTask(filed.reference(), "Task_ReviewExemptions");
        StaffSignIn.as(identity, "officer");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "PARTIAL")
                .putValue("grounds", "[\"HARM_TO_OTHERS\"]").putValue("refusedCategories", "[\"REAL_NAME\"]")
                .putValue("explanation", "The identity documents on file also show a third person."));
        identity.clearAuthentication(); // queries below look as the system, not as the officer
        Task approval = awaitTask(filed.reference(), "Task_ApproveRefusal");
        StaffSignIn.as(identity, "legal");
        tasks.complete(approval.getId(), Variables.createVariables().putValue("decision", "APPROVE")
                .putValue("explanation", "Agreed."));
        identity.clearAuthentication();

        String link = Mailbox.linkIn(mailbox.awaitOne(email, "DOWNLOAD_READY", filed.reference()));
        Map<String, byte[]> entries = CopyPackageSupport.unzip(api.get(link.substring(link.indexOf("/api/downloads/"))).body());
        assertThat(entries.keySet()).as("withheld").doesNotContain("real_name.json", "real_name.csv");
        assertThat(entries.keySet()).as("everything else is there").contains("payments.json", "operation_logs.csv",
                "account.json", "index.html");

        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_PARTIALLY_COMPLETED", filed.reference());
        assertThat(result.body()).contains("The identity documents on file also show a third person.")
                .contains("people's court");
        assertThat(new RequesterJourney(api, mailbox).status(filed)).isEqualTo("PARTIALLY_COMPLETED");
    }
}
