package org.rightsflow.request;

import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.springframework.stereotype.Component;

/**
 * Status tokens: derived from a random per-request nonce with the server key, stored only as a hash.
 * Deriving (rather than storing) lets an idempotent retry receive the same token, while a copy of the
 * database alone opens nothing.
 */
@Component
public class StatusTokens {

    private final byte[] key;

    public StatusTokens(RightsflowProperties properties) {
        this.key = properties.tokenKey();
    }

    public String newNonce() {
        return Hashing.randomToken(32);
    }

    public String derive(String requestId, String nonce) {
        return Hashing.hmacSha256Base64Url(key, "status-token:" + requestId + ":" + nonce);
    }

    public static String hash(String token) {
        return Hashing.sha256Hex(token);
    }

    public static boolean matches(String token, String storedHash) {
        return token != null && !token.isEmpty() && Hashing.constantTimeEquals(hash(token), storedHash);
    }
}
