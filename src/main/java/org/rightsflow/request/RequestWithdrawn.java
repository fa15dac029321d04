package org.rightsflow.request;

/** Published inside the withdrawal transaction; the process layer ends the workflow from it. */
public record RequestWithdrawn(String requestId, String reference) {
}
