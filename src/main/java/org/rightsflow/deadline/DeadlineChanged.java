package org.rightsflow.deadline;

import java.time.Instant;

/**
 * Published in the transaction that changed a request's clock, so that the workflow follows: a pause stops the
 * running due-date timers, an extension or a resume moves them (and the open tasks' due dates) to the new dates.
 */
public record DeadlineChanged(String requestId, String reference, DeadlineEventKind kind, Instant dueAt,
                              Instant reminderAt) {
}
