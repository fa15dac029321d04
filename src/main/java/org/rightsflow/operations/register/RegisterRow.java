package org.rightsflow.operations.register;

import java.time.Instant;
import org.rightsflow.operations.ReportingRules.DaysLeft;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;

/**
 * One request in the register: no personal data (no email, no details), so a page of them can be shown to every
 * group that reads the register.
 *
 * @param standing where an open request stands against its due date; null once it is final
 * @param daysLeft whole days until the due date (negative: overdue by so many), null once final
 */
public record RegisterRow(String reference, RequestType type, RequestStatus status, Instant receivedAt, Instant dueAt,
                          boolean dueDateProvisional, Instant closedAt, DaysLeft standing, Long daysLeft) {
}
