package org.rightsflow.fulfilment.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.copy.TestAccounts;
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
 * ACCESS after an approved partial refusal (officer proposes, legal reviewer approves): the refused categories are
 * neither described nor counted in the report, nor passed off as "not held"; the report says they were left out, the
 * result notice names each with its ground, and the request ends PARTIALLY_COMPLETED.
 */
class PartialAccessTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @Test
    void theRefusedCategoriesAreLeftOutOfTheReportAndNamedWithTheirGround() {
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "partial-access-" + System.nanoTime() + "@example.com";
        long account = TestAccounts.withDataInEveryCategory(jdbc, email);
        // Under legal hold, triage sends every request of the account to the privacy officer.
        jdbc.update("update account set legal_hold = true where id = ?", account);
        RequesterJourney requester = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", email, email, null);

        ReviewTasks.refusePartlyAndApprove(tasks, identity, filed.reference(), List.of("CRIMINAL_PROCEEDINGS"),
                List.of("OPERATION_LOGS", "SECURITY"), "The logs are evidence in an ongoing investigation.");

        requester.awaitStatus(filed, "PARTIALLY_COMPLETED");
        String link = Mailbox.linkIn(mailbox.awaitOne(email, "DOWNLOAD_READY", filed.reference()));
        Api.Response download = api.get(link.substring(link.indexOf("/api/downloads/")));
        assertThat(download.status()).isEqualTo(200);
        String report = download.text();
        assertThat(report).as("the categories in scope are reported")
                .contains("id=\"category-REAL_NAME\"", "id=\"category-PAYMENTS\"", "id=\"category-ACCOUNT\"");
        assertThat(report).as("the refused categories are neither described nor counted")
                .doesNotContain("category-OPERATION_LOGS", "category-SECURITY", "data-category=\"OPERATION_LOGS\"");
        String withheld = section(report, "withheld");
        assertThat(withheld).contains("Categories your request was refused for", "Operation logs", "Security settings",
                "result notice");
        assertThat(section(report, "not-held")).as("withheld is not the same as not held")
                .doesNotContain("Operation logs", "Security settings");

        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_PARTIALLY_COMPLETED", filed.reference());
        assertThat(result.body())
                .contains("- it is directly related to a criminal investigation")
                .contains("We did not act on your request for these categories of your personal information, for the"
                        + " reasons above:\n")
                .contains("- operation logs\n", "- security settings (security phone and email)\n")
                .contains("The logs are evidence in an ongoing investigation.")
                .contains("people's court")
                .doesNotContain("real-name");
        assertThat(mailbox.of(email, "RESULT_COMPLETED", filed.reference())).isEmpty();
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isGreaterThanOrEqualTo(0);
        return html.substring(start, html.indexOf("</section>", start));
    }
}
