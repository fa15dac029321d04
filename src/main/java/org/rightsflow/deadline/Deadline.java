package org.rightsflow.deadline;

import java.time.Instant;
import java.util.Objects;

/**
 * A request's deadline, computed once at receipt and stored with the request.
 *
 * @param policyCode the strictest applicable policy, the one that set {@code dueAt}
 * @param receivedAt kept because an extension is counted from the receipt again
 * @param dueAt      end (23:59:59 Asia/Shanghai) of the last allowed day
 * @param reminderAt when staff are reminded; never before the receipt
 */
public record Deadline(String policyCode, Instant receivedAt, Instant dueAt, Instant reminderAt) {

    public Deadline {
        Objects.requireNonNull(policyCode, "policyCode");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(reminderAt, "reminderAt");
    }
}
