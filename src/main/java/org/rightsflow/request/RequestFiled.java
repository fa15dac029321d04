package org.rightsflow.request;

import java.time.Instant;

/**
 * The event that a request was filed, published inside the intake transaction; the process layer starts the workflow
 * from it. What the filer gets back is a {@link FilingReceipt}.
 *
 * @param dueDateProvisional       the due date rests on a year without working-day calendar data
 * @param manualVerificationReason why intake staff verify this request by hand instead of codes (a code of
 *                                 {@code identity.ManualVerificationReason}), or null when the codes decide
 */
public record RequestFiled(String requestId, String reference, RequestType type, int verificationLevel,
                           Instant dueAt, Instant reminderAt, boolean dueDateProvisional,
                           String manualVerificationReason) {

    public RequestFiled(String requestId, String reference, RequestType type, int verificationLevel,
                        Instant dueAt, Instant reminderAt) {
        this(requestId, reference, type, verificationLevel, dueAt, reminderAt, false, null);
    }

    public boolean manualVerificationRequired() {
        return manualVerificationReason != null;
    }
}
