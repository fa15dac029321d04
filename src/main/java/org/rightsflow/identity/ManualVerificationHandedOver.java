package org.rightsflow.identity;

/** The request whose task a manual verification was withdrawn: this request, which had joined it, takes the task. */
public record ManualVerificationHandedOver(String requestId, String reference) {
}
