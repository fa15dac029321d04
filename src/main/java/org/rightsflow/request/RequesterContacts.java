package org.rightsflow.request;

import java.util.Optional;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.springframework.stereotype.Component;

/**
 * Where notices and codes about a request go: always the contact already on file, never an address the requester
 * typed (SPEC §3). A minor's requests are made by the guardian, so the guardian's contact is used.
 */
@Component
public class RequesterContacts {

    public record Contact(String email, String phone, boolean guardian) {
    }

    private final AccountDirectory accounts;

    public RequesterContacts(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    public Optional<Contact> onFile(RightsRequest request) {
        return request.account().flatMap(accounts::findById).map(RequesterContacts::contactOf);
    }

    static Contact contactOf(AccountFacts account) {
        return account.minor()
                ? new Contact(account.guardianEmail(), account.guardianPhone(), true)
                : new Contact(account.email(), account.phone(), false);
    }
}
