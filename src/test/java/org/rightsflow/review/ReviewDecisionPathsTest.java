package org.rightsflow.review;

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
 * The review paths with the real listeners and the job executor: PROCEED fulfils the request; REFUSE rejected by the
 * legal reviewer goes back to the reviewer with the legal comment, and REFUSE approved is explained to the requester
 * with the grounds in plain words, the complaint channel and the right to sue. The repetition evidence is on the
 * review task.
 */
class ReviewDecisionPathsTest extends PostgresIntegrationTest {

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
    void proceedFulfilsTheRequestAndTheReviewerSeesTheRepetitionEvidence() {
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed first = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        Task firstReview = awaitTaskAsSystem(first.reference(), "Task_ReviewExemptions");
        RequesterJourney.Filed second = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);
        Task review = awaitTaskAsSystem(second.reference(), "Task_ReviewExemptions");

        int repeatCount = ((Number) tasks.getVariable(review.getId(), "repeatCount")).intValue();
        String earlier = (String) tasks.getVariable(review.getId(), "earlierReferences");
        assertThat(repeatCount).as("the first request was verified before the second").isGreaterThanOrEqualTo(1);
        assertThat(earlier).contains(first.reference()).doesNotContain(second.reference());
        assertThat(earlier.split(",")).hasSize(repeatCount);

        StaffSignIn.as(identity, "officer");
        tasks.complete(firstReview.getId(), Variables.createVariables().putValue("decision", "PROCEED")
                .putValue("explanation", "The legal hold does not cover an access request."));
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "PROCEED")
                .putValue("explanation", "Repeated, but not unreasonably: proceed."));
        requester.awaitStatus(second, "COMPLETED");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(second.reference())
                .taskDefinitionKey("Task_ApproveRefusal").count()).as("PROCEED needs no second approval").isZero();
        mailbox.awaitOne(ZHAO, "RESULT_COMPLETED", second.reference());
    }

    @Test
    void aRejectedRefusalGoesBackToTheReviewerWithTheLegalCommentAndAnApprovedOneIsExplained() {
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("ACCESS", ZHAO, ZHAO, null);

        Task review = awaitTaskAsSystem(filed.reference(), "Task_ReviewExemptions");
        StaffSignIn.as(identity, "officer");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "REFUSE")
                .putValue("grounds", "[\"NO_SUCH_GROUND\"]").putValue("explanation", "Legal preservation order.")))
                .hasMessageContaining("Unknown ground");
        tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "REFUSE")
                .putValue("grounds", "[\"REPETITIVE\"]").putValue("explanation", "You asked for this many times."));

        Task approval = awaitTaskAsSystem(filed.reference(), "Task_ApproveRefusal");
        StaffSignIn.as(identity, "legal");
        tasks.complete(approval.getId(), Variables.createVariables().putValue("decision", "REJECT")
                .putValue("explanation", "Repetition is no ground here; the legal hold is."));

        Task again = awaitTaskAsSystem(filed.reference(), "Task_ReviewExemptions");
        assertThat(tasks.getVariable(again.getId(), "approvalDecision")).isEqualTo("REJECT");
        assertThat(tasks.getVariable(again.getId(), "approvalComment"))
                .as("the review form shows the legal comment").isEqualTo("Repetition is no ground here; the legal hold is.");
        assertThat(tasks.getVariable(again.getId(), "decision")).as("the form starts empty").isNull();
        assertThat(requester.status(filed)).isEqualTo("IN_REVIEW");

        StaffSignIn.as(identity, "officer2");
        tasks.complete(again.getId(), Variables.createVariables().putValue("decision", "REFUSE")
                .putValue("grounds", "[\"LEGAL_OBLIGATION\",\"CRIMINAL_PROCEEDINGS\"]")
                .putValue("explanation", "The account is subject to a legal preservation order."));
        Task secondApproval = awaitTaskAsSystem(filed.reference(), "Task_ApproveRefusal");
        assertThat(tasks.getVariable(secondApproval.getId(), "reviewProposer")).isEqualTo("officer2");
        StaffSignIn.as(identity, "legal");
        tasks.complete(secondApproval.getId(), Variables.createVariables().putValue("decision", "APPROVE")
                .putValue("explanation", "Preservation order checked."));

        requester.awaitStatus(filed, "REFUSED");
        Mailbox.Mail refusal = mailbox.awaitOne(ZHAO, "RESULT_REFUSED", filed.reference());
        assertThat(refusal.body())
                .contains("it relates to our obligations under laws and regulations")
                .contains("it is directly related to a criminal investigation")
                .doesNotContain("unreasonably repetitive")
                .contains("The account is subject to a legal preservation order.")
                .contains("privacy-complaints@rightsflow.invalid")
                .contains("people's court")
                .doesNotContain("Repetition is no ground here");
    }

    /** Task queries of a signed-in user see only that user's tasks: sign out, then wait. */
    private Task awaitTaskAsSystem(String reference, String key) {
        identity.clearAuthentication();
        return awaitTask(tasks, reference, key);
    }
}
