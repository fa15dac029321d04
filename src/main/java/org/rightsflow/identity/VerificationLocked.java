package org.rightsflow.identity;

/**
 * Published when codes stop counting for a request that was waiting for them: too many wrong codes for it, or for
 * its account over all its requests. The process hands the request to intake staff by {@code route}.
 */
public record VerificationLocked(String requestId, String reference, ManualVerificationReason reason,
                                 ManualVerificationRoute route) {
}
