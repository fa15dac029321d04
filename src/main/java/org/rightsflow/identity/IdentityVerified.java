package org.rightsflow.identity;

/** Published when a requester proved control of the contact on file; the process continues from it. */
public record IdentityVerified(String requestId, String reference) {
}
