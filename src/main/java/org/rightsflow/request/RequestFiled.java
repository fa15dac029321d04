package org.rightsflow.request;

import java.time.Instant;

/** Published inside the intake transaction; the process layer starts the workflow from it. */
public record RequestFiled(String requestId, String reference, RequestType type, int verificationLevel,
                           Instant dueAt, Instant reminderAt) {
}
