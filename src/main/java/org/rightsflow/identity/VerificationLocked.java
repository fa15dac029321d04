package org.rightsflow.identity;

/** Published on the last allowed wrong code; the process hands the request to intake staff. */
public record VerificationLocked(String requestId, String reference) {
}
