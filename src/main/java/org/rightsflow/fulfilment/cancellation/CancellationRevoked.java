package org.rightsflow.fulfilment.cancellation;

/** The requester revoked an account cancellation during its cooling-off period (published in that transaction). */
public record CancellationRevoked(String requestId, String reference) {
}
