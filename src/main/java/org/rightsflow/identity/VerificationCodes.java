package org.rightsflow.identity;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time codes: 6 random digits, stored only as an HMAC over a random salt (the server key makes the stored
 * value useless without it), single use, with an expiry. A new code supersedes the earlier ones.
 */
@Component
public class VerificationCodes {

    private final JdbcClient jdbc;
    private final byte[] key;

    public VerificationCodes(JdbcClient jdbc, RightsflowProperties properties) {
        this.jdbc = jdbc;
        this.key = properties.tokenKey();
    }

    /**
     * @param supersede whether earlier codes of the channel may exist (a resend): they stop counting; false for the
     *                  request's first round, which has none (one update less a filing)
     * @return the clear code, to be put in the outbox message and nowhere else
     */
    public String issue(String requestId, String channel, Instant now, Instant expiresAt, boolean supersede) {
        if (supersede) {
            jdbc.sql("update verification_code set superseded = true where request_id = :id and channel = :channel")
                    .param("id", requestId).param("channel", channel).update();
        }
        String code = "%06d".formatted(Hashing.random().nextInt(1_000_000));
        String salt = Hashing.randomToken(16);
        jdbc.sql("""
                insert into verification_code (id, request_id, channel, code_hash, salt, created_at, expires_at)
                values (:id, :requestId, :channel, :hash, :salt, :now, :expires)""")
                .param("id", UUID.randomUUID().toString()).param("requestId", requestId).param("channel", channel)
                .param("hash", hash(salt, code)).param("salt", salt).param("now", ts(now)).param("expires", ts(expiresAt))
                .update();
        return code;
    }

    /**
     * Consumes the matching live code, if any. Every live code is compared (in constant time), so the time taken
     * does not depend on which one matched or whether any exists.
     */
    public boolean consume(String requestId, String channel, String code, Instant now) {
        List<String[]> live = jdbc.sql("""
                select id, salt, code_hash from verification_code
                where request_id = :id and channel = :channel and used_at is null and superseded = false
                  and expires_at > :now""")
                .param("id", requestId).param("channel", channel).param("now", ts(now))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        String matchedId = null;
        for (String[] candidate : live) {
            if (Hashing.constantTimeEquals(hash(candidate[1], code), candidate[2])) {
                matchedId = candidate[0];
            }
        }
        if (live.isEmpty()) {
            // no code on file (unknown account, expired): spend the same hashing work as a real comparison
            Hashing.constantTimeEquals(hash("no-code-salt", code), "0".repeat(64));
        }
        if (matchedId == null) {
            return false;
        }
        return jdbc.sql("update verification_code set used_at = :now where id = :id and used_at is null")
                .param("now", ts(now)).param("id", matchedId).update() == 1;
    }

    private String hash(String salt, String code) {
        return Hashing.hmacSha256Hex(key, "verification-code:" + salt + ":" + code);
    }
}
