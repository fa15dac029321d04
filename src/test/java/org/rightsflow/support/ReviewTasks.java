package org.rightsflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
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

    /**
     * The four-eyes path of a partial refusal: the demo officer proposes PARTIAL with the given grounds and refused
     * data categories (codes), and the demo legal reviewer approves. Waits for each task (triage must have sent the
     * request to review, e.g. an account under legal hold).
     */
    public static void refusePartlyAndApprove(TaskService tasks, IdentityService identity, String reference,
                                              List<String> grounds, List<String> refusedCategories,
                                              String explanation) {
        complete(tasks, identity, reference, "Task_ReviewExemptions", "officer", Variables.createVariables()
                .putValue("decision", "PARTIAL").putValue("grounds", json(grounds))
                .putValue("refusedCategories", json(refusedCategories)).putValue("explanation", explanation));
        complete(tasks, identity, reference, "Task_ApproveRefusal", "legal", Variables.createVariables()
                .putValue("decision", "APPROVE").putValue("explanation", "Agreed."));
    }

    /**
     * The four-eyes path of a whole refusal: the demo officer proposes REFUSE with the given grounds, and the demo
     * legal reviewer approves. Waits for each task (triage must have sent the request to review).
     */
    public static void refuseAndApprove(TaskService tasks, IdentityService identity, String reference,
                                        List<String> grounds, String explanation) {
        complete(tasks, identity, reference, "Task_ReviewExemptions", "officer", Variables.createVariables()
                .putValue("decision", "REFUSE").putValue("grounds", json(grounds)).putValue("explanation", explanation));
        complete(tasks, identity, reference, "Task_ApproveRefusal", "legal", Variables.createVariables()
                .putValue("decision", "APPROVE").putValue("explanation", "Agreed."));
    }

    /** A legal reviewer's decision on the refusal proposal waiting for the second person (RefusalApprovalProcess). */
    public static void decideRefusal(TaskService tasks, IdentityService identity, String reference, String user,
                                     String approval, String comment) {
        complete(tasks, identity, reference, "Task_ApproveRefusal", user, Variables.createVariables()
                .putValue("decision", approval).putValue("explanation", comment));
    }

    private static void complete(TaskService tasks, IdentityService identity, String reference, String taskKey,
                                 String user, org.camunda.bpm.engine.variable.VariableMap variables) {
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(taskKey).count() == 1);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey)
                .singleResult();
        StaffSignIn.as(identity, user);
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication(); // later queries look as the system, not as the staff member
        }
    }

    /** The forms send multi-select fields as a JSON array in a string. */
    private static String json(List<String> codes) {
        return codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
