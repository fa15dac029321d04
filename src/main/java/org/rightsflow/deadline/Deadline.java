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
 * @param provisional the winning policy counted days of a year without official calendar data: {@code dueAt} is
 *                    the earliest the true date can be, and it is kept when the data arrives
 */
public record Deadline(String policyCode, Instant receivedAt, Instant dueAt, Instant reminderAt, boolean provisional) {

    public Deadline {
        Objects.requireNonNull(policyCode, "policyCode");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(reminderAt, "reminderAt");
    }
}
