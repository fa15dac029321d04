package org.rightsflow.request;

import java.util.Optional;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.springframework.stereotype.Component;

/**
 * Where notices and codes about a request go: always the contact already on file, never an address the requester
 * typed (docs/verification.md). A child under 14 acts only through the guardian, so the guardian's contact is used
 * for every request about the child's account; a minor of 14 to 17 may file alone (their own contact) or the
 * guardian may file on their behalf (the guardian's contact). A guardian's filing for an account without a guardian
 * on file (an adult's, say) has no contact: like an unknown account's request it can never be verified.
 */
@Component
public class RequesterContacts {

    /**
     * @param guardian the guardian on file speaks for a minor's account
     * @param relative a close relative of a deceased holder, at the address they gave (notices only, never codes)
     */
    public record Contact(String email, String phone, boolean guardian, boolean relative) {

        public Contact(String email, String phone, boolean guardian) {
            this(email, phone, guardian, false);
        }
    }

    private final AccountDirectory accounts;
    private final RequestRepository requests;

    public RequesterContacts(AccountDirectory accounts, RequestRepository requests) {
        this.accounts = accounts;
        this.requests = requests;
    }

    /**
     * Empty for an unknown account, and for a cancelled (deactivated) one: its contact data is anonymised, and the
     * cancellation certificate, sent before that, is the requester's answer.
     */
    public Optional<Contact> onFile(RightsRequest request) {
        if (request.filedAs() == FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            return relative(request);
        }
        return request.account().flatMap(accounts::findById).filter(AccountFacts::active)
                .flatMap(account -> contactOf(account, request.filedAs()));
    }

    /** The contact on file even of a deactivated account: only for the cancellation certificate, sent just before
     * the account record is anonymised. */
    public Optional<Contact> onFileIncludingDeactivated(RightsRequest request) {
        if (request.filedAs() == FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            return relative(request);
        }
        return request.account().flatMap(accounts::findById).flatMap(account -> contactOf(account, request.filedAs()));
    }

    /**
     * Whom the notices of the request with this reference reach (the holder, a minor's guardian, a deceased holder's
     * relative): the result links in them open pages that speak to whoever received the email.
     */
    public Optional<Contact> noticesReach(String reference) {
        return requests.findByReference(reference).flatMap(this::onFileIncludingDeactivated);
    }

    /**
     * A close relative has no contact on file: the notices of their request go to the address they gave, whether or
     * not the account exists (the same answer either way). No code ever goes there: intake staff verify them by hand.
     */
    private Optional<Contact> relative(RightsRequest request) {
        return requests.relativeContactEmail(request.id()).map(email -> new Contact(email, null, false, true));
    }

    /** Whose contact on file speaks for a request about this account filed as {@code filedAs}. */
    public static Optional<Contact> contactOf(AccountFacts account, FiledAs filedAs) {
        if (account.minor() || filedAs == FiledAs.GUARDIAN) {
            return account.guardianMayAct()
                    ? Optional.of(new Contact(account.guardianEmail(), account.guardianPhone(), true))
                    : Optional.empty();
        }
        if (filedAs == FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            return Optional.empty(); // the relative has no contact on file: intake staff verify them by hand
        }
        return Optional.of(new Contact(account.email(), account.phone(), false));
    }
}
