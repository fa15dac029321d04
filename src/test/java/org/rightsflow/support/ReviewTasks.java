package org.rightsflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;

/** A privacy officer's part in tests whose subject is fulfilment, not the review itself. */
public final class ReviewTasks {

    private ReviewTasks() {
    }

    /**
     * Waits until the request either reached the exemption review (triage sent it there) or went straight on to
     * fulfilment, and in the first case lets it proceed as the demo officer.
     */
    public static void proceedIfReviewed(TaskService tasks, IdentityService identity, JdbcTemplate jdbc,
                                         String reference, String explanation) {
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").count() > 0
                || jdbc.queryForObject("select fulfilment_started_at is not null from rights_request where reference = ?",
                Boolean.class, reference));
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewExemptions").singleResult();
        if (review != null) {
            StaffSignIn.as(identity, "officer");
            try {
                tasks.complete(review.getId(), Variables.createVariables().putValue("decision", "PROCEED")
                        .putValue("explanation", explanation));
            } finally {
                identity.clearAuthentication();
            }
        }
    }
}
