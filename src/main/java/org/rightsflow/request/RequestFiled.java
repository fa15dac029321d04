package org.rightsflow.request;

import java.time.Instant;

/**
 * The event that a request was filed, published inside the intake transaction; the process layer starts the workflow
 * from it with what the model reads (the verification level is not among it: the request's row has it). What the
 * filer gets back is a {@link FilingReceipt}.
 *
 * @param dueDateProvisional       the due date rests on a year without working-day calendar data
 * @param manualVerificationReason why intake staff verify this request by hand instead of codes (a code of
 *                                 {@code identity.ManualVerificationReason}), or null when the codes decide
 */
public record RequestFiled(String requestId, String reference, RequestType type, Instant dueAt, Instant reminderAt,
                           boolean dueDateProvisional, String manualVerificationReason) {

    public boolean manualVerificationRequired() {
        return manualVerificationReason != null;
    }
}
