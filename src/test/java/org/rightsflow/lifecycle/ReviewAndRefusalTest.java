package org.rightsflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rightsflow.support.TaskWaits.awaitTask;

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

/**
 * The triage sends an account under legal hold to review; a refusal needs grounds, an explanation and a second
 * person's approval; the requester is told the grounds, the complaint channel and the right to sue.
 */
class ReviewAndRefusalTest extends PostgresIntegrationTest {

    private static final String ZHAO = "zhao.qiang@example.com";

    @LocalServerPort
    int port;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    @Test
    void aRefusalIsReviewedApprovedByASecondPersonAndExplainedToTheRequester() {
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);

        Task review = awaitTask(tasks, filed.reference(), "Task_ReviewExemptions");
        assertThat(tasks.getVariable(review.getId(), "legalHold")).isEqualTo(true);
        assertThat(tasks.getVariable(review.getId(), "suggestedGrounds").toString()).contains("LEGAL_OBLIGATION");
        assertThat(tasks.createTaskQuery().taskId(review.getId()).taskCandidateGroup("privacy-officers").count()).isEqualTo(1);
        assertThat(requester.status(filed)).isEqualTo("IN_REVIEW");

        // Someone who is both privacy officer and legal reviewer: only the engine's four-eyes rule stops them.
        if (identity.createUserQuery().userId("dual").count() == 0) {
            identity.saveUser(identity.newUser("dual"));
            identity.createMembership("dual", "privacy-officers");
            identity.createMembership("dual", "legal-reviewers");
        }
        StaffSignIn.as(identity, "dual");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Variables.createVariables()
                .putValue("decision", "REFUSE").putValue("explanation", "Under legal hold")))
                .as("a refusal without grounds is rejected on the server").hasMessageContaining("ground");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "REFUSE")
                .putValue("grounds", "[\"LEGAL_OBLIGATION\"]")
                .putValue("explanation", "The account is subject to a legal preservation order."));

        Task approval = awaitTask(tasks, filed.reference(), "Task_ApproveRefusal");
        assertThatThrownBy(() -> tasks.complete(approval.getId(), Variables.createVariables()
                .putValue("decision", "APPROVE").putValue("explanation", "fine by me")))
                .as("four eyes: the proposer cannot approve").hasMessageContaining("Four-eyes");

        StaffSignIn.as(identity, "legal");
        tasks.complete(approval.getId(), Variables.createVariables().putValue("decision", "APPROVE")
                .putValue("explanation", "Checked the preservation order."));

        requester.awaitStatus(filed, "REFUSED");
        Mailbox.Mail refusal = mailbox.awaitOne(ZHAO, "RESULT_REFUSED", filed.reference());
        assertThat(refusal.body())
                .contains("it relates to our obligations under laws and regulations")
                .contains("The account is subject to a legal preservation order.")
                .contains("privacy-complaints@rightsflow.invalid")
                .contains("people's court")
                .doesNotContain("Checked the preservation order.");
    }
}
