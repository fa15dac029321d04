package org.rightsflow.fulfilment.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
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

    @Test
    void anApprovedPartialRefusalLeavesItsCategoriesOutOfThePackage() throws Exception {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "partial-copy-" + System.nanoTime() + "@example.com";
        TestAccounts.withDataInEveryCategory(jdbc, email);
        RequesterJourney.Filed filed = new RequesterJourney(api, mailbox).fileAndVerify("COPY", email, email, null);

        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("HARM_TO_OTHERS"),
                List.of("REAL_NAME"), "The identity documents on file also show a third person.");

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
