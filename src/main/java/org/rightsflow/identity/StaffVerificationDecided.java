package org.rightsflow.identity;

/** Intake staff decided the manual verification a request had joined: it continues verified or closes unverified. */
public record StaffVerificationDecided(String requestId, String reference, boolean verified) {
}
