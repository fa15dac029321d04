package org.rightsflow.limits;

import java.util.Locale;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.springframework.stereotype.Component;

/**
 * The subjects limits are counted for, as keyed hashes (HMAC with the server key): the limit tables never hold an
 * email, phone or IP address, and a copy of them reveals none.
 */
@Component
public class LimitSubjects {

    private final byte[] key;

    public LimitSubjects(RightsflowProperties properties) {
        this.key = properties.tokenKey();
    }

    /**
     * An account by the email a request was filed with: the same for known and unknown accounts, so that every
     * answer a limit gives is the same whether or not the account exists.
     */
    public String account(String accountEmail) {
        return hash("account", accountEmail.trim().toLowerCase(Locale.ROOT));
    }

    /** An email address messages go to. */
    public String email(String address) {
        return hash("email", address.trim().toLowerCase(Locale.ROOT));
    }

    /** A phone number text messages go to (its digits). */
    public String phone(String number) {
        return hash("phone", number.replaceAll("\\D", ""));
    }

    /**
     * The phone of an account that does not exist, for a level-2 request: counted apart from its email, exactly as
     * a known account's phone is, so that the answers match.
     */
    public String phoneOfUnknownAccount(String accountEmail) {
        return hash("phone-of", accountEmail.trim().toLowerCase(Locale.ROOT));
    }

    /** A client address (the requester's or staff member's IP address as the server sees it). */
    public String client(String address) {
        return hash("client", address == null ? "unknown" : address.trim().toLowerCase(Locale.ROOT));
    }

    private String hash(String kind, String value) {
        return Hashing.hmacSha256Hex(key, "limit-subject:" + kind + ":" + value);
    }
}
