package org.rightsflow.request;

import java.util.Optional;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The link in the emails to the address on file that opens a request's status page on any device without typing
 * the status key: {@code /privacy/status/{reference}/open/{token}}. The token is derived with the server key from
 * the request's id, so only the emails carry it (it is not the status token the filer saw, and it holds nothing
 * personal); the page exchanges it for the request's status token, kept in the browser's cookie as after filing.
 */
@Component
public class StatusLinks {

    private final JdbcClient jdbc;
    private final StatusTokens tokens;
    private final byte[] key;
    private final String baseUrl;

    public StatusLinks(JdbcClient jdbc, StatusTokens tokens, RightsflowProperties properties) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.key = properties.tokenKey();
        this.baseUrl = properties.publicBaseUrl();
    }

    /** The link for the emails about {@code request}. */
    public String url(RightsRequest request) {
        return baseUrl + "/privacy/status/" + request.reference() + "/open/" + token(request.id());
    }

    /**
     * The status token that the link's token stands for; empty when the token is not the request's (or the reference
     * is unknown: the same answer, so references cannot be probed).
     */
    public Optional<String> statusTokenFor(String reference, String linkToken) {
        if (reference == null || reference.length() > 20 || linkToken == null || linkToken.length() > 100) {
            return Optional.empty();
        }
        record Keys(String id, String nonce) {
        }
        Optional<Keys> keys = jdbc.sql("select id, status_token_nonce from rights_request where reference = :r")
                .param("r", reference).query((rs, n) -> new Keys(rs.getString(1), rs.getString(2))).optional();
        String expected = token(keys.map(Keys::id).orElse(""));
        if (keys.isEmpty() || !Hashing.constantTimeEquals(expected, linkToken)) {
            return Optional.empty();
        }
        return Optional.of(tokens.derive(keys.get().id(), keys.get().nonce()));
    }

    private String token(String requestId) {
        return Hashing.hmacSha256Base64Url(key, "status-link:" + requestId);
    }
}
