package org.rightsflow.limits;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The limits on what anyone on the internet can make the product do to an account or a contact: file requests,
 * guess codes, have messages sent. Each counts per keyed subject in the database ({@link Limits}); an account is
 * its email as filed, so known and unknown accounts get exactly the same answers.
 */
@Service
public class RequesterLimits {

    /** The mutex name under which an account's open requests are counted before another one is filed. */
    static final String OPEN_REQUESTS = "OPEN_REQUESTS_PER_ACCOUNT";

    private final Limits limits;
    private final LimitSubjects subjects;
    private final LimitProperties properties;

    public RequesterLimits(Limits limits, LimitSubjects subjects, LimitProperties properties) {
        this.limits = limits;
        this.subjects = subjects;
        this.properties = properties;
    }

    /** One filing from a client address: allowed and counted, or refused with the time to wait. */
    public Admission filing(String clientAddress) {
        return limits.tryUse(properties.filings(), subjects.client(clientAddress));
    }

    /**
     * Whether the account may still have a code checked today; locks the account's count for the rest of the
     * transaction, so that concurrent guesses on several of its requests (on any node) take turns.
     */
    public Admission wrongCodeRoom(String accountEmail) {
        return limits.peek(properties.wrongCodes(), subjects.account(accountEmail));
    }

    /** Counts a wrong code for the account; {@code remaining() == 0} means the limit is now reached. */
    public Admission wrongCode(String accountEmail) {
        return limits.tryUse(properties.wrongCodes(), subjects.account(accountEmail));
    }

    /** A message (code, resend, reminder, acknowledgement) to an email address: allowed and counted, or refused. */
    public Admission messageToEmail(String address) {
        return limits.tryUse(properties.messages(), subjects.email(address));
    }

    /** A text message to a phone number: allowed and counted, or refused. */
    public Admission messageToPhone(String number) {
        return limits.tryUse(properties.messages(), subjects.phone(number));
    }

    /** A text message that would go to the phone of an account that does not exist: counted all the same. */
    public Admission messageToPhoneOfUnknownAccount(String accountEmail) {
        return limits.tryUse(properties.messages(), subjects.phoneOfUnknownAccount(accountEmail));
    }

    /** Whether a message to the address would be allowed now, counting nothing. */
    public Admission messageRoomForEmail(String address) {
        return limits.peek(properties.messages(), subjects.email(address));
    }

    /** Whether a text message to the number would be allowed now, counting nothing. */
    public Admission messageRoomForPhone(String number) {
        return limits.peek(properties.messages(), subjects.phone(number));
    }

    /** Whether a text message to the phone of an account that does not exist would be allowed now. */
    public Admission messageRoomForPhoneOfUnknownAccount(String accountEmail) {
        return limits.peek(properties.messages(), subjects.phoneOfUnknownAccount(accountEmail));
    }

    /**
     * Serialises filings for one account email on every node until the transaction ends, so that its open requests
     * can be counted and the next one filed without a second filing slipping in between; and says, as
     * {@link #wrongCodeRoom} does (locking that count too), whether the account may still have a code checked today.
     */
    @Transactional
    public Admission serialiseFilingsForAndWrongCodeRoom(String accountEmail) {
        String account = subjects.account(accountEmail);
        return limits.peekAfterLocking(OPEN_REQUESTS, account, properties.wrongCodes(), account);
    }

    /** Serialises the manual verification of one account's requests on every node until the transaction ends. */
    @Transactional
    public void serialiseManualVerificationFor(String accountEmail) {
        limits.serialise("MANUAL_CASE_PER_ACCOUNT", subjects.account(accountEmail));
    }

    public int openUnverifiedPerAccount() {
        return properties.openUnverifiedPerAccount();
    }
}
