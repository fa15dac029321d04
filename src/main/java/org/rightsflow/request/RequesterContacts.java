package org.rightsflow.request;

import java.util.Optional;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.springframework.stereotype.Component;

/**
 * Where notices and codes about a request go: always the contact already on file, never an address the requester
 * typed (docs/verification.md). A minor's requests are made by the guardian, so the guardian's contact is used.
 */
@Component
public class RequesterContacts {

    public record Contact(String email, String phone, boolean guardian) {
    }

    private final AccountDirectory accounts;

    public RequesterContacts(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /**
     * Empty for an unknown account, and for a cancelled (deactivated) one: its contact data is anonymised, and the
     * cancellation certificate, sent before that, is the requester's answer.
     */
    public Optional<Contact> onFile(RightsRequest request) {
        return request.account().flatMap(accounts::findById).filter(AccountFacts::active)
                .map(RequesterContacts::contactOf);
    }

    /** The contact on file even of a deactivated account: only for the cancellation certificate, sent just before
     * the account record is anonymised. */
    public Optional<Contact> onFileIncludingDeactivated(RightsRequest request) {
        return request.account().flatMap(accounts::findById).map(RequesterContacts::contactOf);
    }

    static Contact contactOf(AccountFacts account) {
        return account.minor()
                ? new Contact(account.guardianEmail(), account.guardianPhone(), true)
                : new Contact(account.email(), account.phone(), false);
    }
}
