package org.rightsflow.operations.timeline;

import java.time.Instant;
import java.util.List;

/**
 * A staff decision taken in a task: who decided, what, on which grounds and why (codes and staff text only). A
 * proposal to refuse in whole or in part names the second person who approved or rejected it.
 *
 * @param role       PROPOSAL (a refusal that needs a second person), APPROVAL (that second person's answer) or
 *                   DECISION (a decision that stands alone: proceed, identity checked, correction applied...)
 * @param approvedBy for a PROPOSAL, who answered it in the approval task (null while open)
 * @param approval   for a PROPOSAL, their answer (APPROVE or REJECT)
 */
public record Decision(String taskKey, String taskName, String role, String decidedBy, Instant at, String decision,
                       List<String> grounds, String explanation, String refusedCategories, String approvedBy,
                       String approval) {
}
