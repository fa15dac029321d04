package org.rightsflow.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.request.FiledAs;
import org.rightsflow.request.RequestType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one place that decides how strongly a requester must prove who they are (docs/verification.md). Level 2 adds a code to
 * the phone on file: account cancellation, any request a guardian makes (always for a child under 14, and for a
 * minor of 14 to 17 when the guardian files on their behalf), and copies or transfers of an account that holds sensitive data. It also decides when codes cannot prove anything and intake
 * staff must verify by hand.
 */
@Component
public class VerificationLevelPolicy {

    public static final int EMAIL_CODE = 1;
    public static final int EMAIL_AND_PHONE_CODES = 2;

    /** Rights that hand data out or end the account: a recent change of the contact on file blocks their codes. */
    static final Set<RequestType> BLOCKED_AFTER_CONTACT_CHANGE =
            Set.of(RequestType.COPY, RequestType.TRANSFER, RequestType.CANCEL_ACCOUNT);

    private final AccountDirectory accounts;
    private final CorrectableFields correctableFields;
    private final IdentityProperties properties;

    @Autowired
    public VerificationLevelPolicy(AccountDirectory accounts, CorrectableFields correctableFields,
                                   IdentityProperties properties) {
        this.accounts = accounts;
        this.correctableFields = correctableFields;
        this.properties = properties;
    }

    /** With the default settings of docs/verification.md. */
    public VerificationLevelPolicy(AccountDirectory accounts, CorrectableFields correctableFields) {
        this(accounts, correctableFields, IdentityProperties.defaults());
    }

    /**
     * As {@link #levelFor(RequestType, Optional)}, and a correction of sensitive (real-name) data needs level 2 as
     * well (docs/rights.md, CORRECT): the details say which fields are to change. (The correction process refuses such a
     * change when the request was verified at level 1 only, whichever method intake called.)
     */
    public int levelFor(RequestType type, Optional<AccountFacts> account, JsonNode details) {
        return levelFor(type, account, details, FiledAs.ACCOUNT_HOLDER);
    }

    /** As {@link #levelFor(RequestType, Optional, JsonNode)}; a guardian's filing always needs level 2. */
    public int levelFor(RequestType type, Optional<AccountFacts> account, JsonNode details, FiledAs filedAs) {
        if (filedAs == FiledAs.GUARDIAN || filedAs == FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            return EMAIL_AND_PHONE_CODES; // a relative is verified by hand, to the stronger level's standard
        }
        if (type == RequestType.CORRECT && account.isPresent() && details != null) {
            for (JsonNode change : details.path("corrections")) {
                if (correctableFields.isSensitive(change.path("field").asText())) {
                    return EMAIL_AND_PHONE_CODES;
                }
            }
        }
        return levelFor(type, account);
    }

    public int levelFor(RequestType type, Optional<AccountFacts> account) {
        if (type == RequestType.CANCEL_ACCOUNT) {
            return EMAIL_AND_PHONE_CODES;
        }
        if (account.isEmpty()) {
            return EMAIL_CODE;
        }
        if (account.get().minor()) {
            return EMAIL_AND_PHONE_CODES;
        }
        boolean exportsData = type == RequestType.COPY || type == RequestType.TRANSFER;
        if (exportsData && !accounts.sensitiveCategoriesHeld(account.get().id()).isEmpty()) {
            return EMAIL_AND_PHONE_CODES;
        }
        return EMAIL_CODE;
    }

    /**
     * Whether the request goes straight to intake staff instead of codes, and why. An unknown account never does:
     * its request waits for codes that never come and closes unverified, like any unverified request.
     *
     * @param enteredByStaff entered in Tasklist from a call, letter or email (the requester has no status token)
     */
    public Optional<ManualVerificationReason> manualVerificationReason(RequestType type, Optional<AccountFacts> account,
                                                                       int level, boolean enteredByStaff, Instant now) {
        return manualVerificationReason(type, account, level, enteredByStaff, now, FiledAs.ACCOUNT_HOLDER);
    }

    /** As above, for a request filed as {@code filedAs}: a guardian's phone on file is the guardian's. */
    public Optional<ManualVerificationReason> manualVerificationReason(RequestType type, Optional<AccountFacts> account,
                                                                       int level, boolean enteredByStaff, Instant now,
                                                                       FiledAs filedAs) {
        if (enteredByStaff) {
            return Optional.of(ManualVerificationReason.STAFF_ENTERED);
        }
        if (filedAs == FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            // no contact on file for the relative: intake checks the evidence, known account or not (the same answer)
            return Optional.of(ManualVerificationReason.RELATIVE_OF_DECEASED);
        }
        if (account.isEmpty()) {
            return Optional.empty();
        }
        AccountFacts facts = account.get();
        Instant changed = facts.contactChangedAt();
        if (changed != null && BLOCKED_AFTER_CONTACT_CHANGE.contains(type)
                && changed.isAfter(now.minus(properties.contactChangeHold()))) {
            return Optional.of(ManualVerificationReason.CONTACT_RECENTLY_CHANGED);
        }
        if (facts.minor() || filedAs == FiledAs.GUARDIAN) {
            if (!facts.guardianMayAct()) {
                return Optional.empty(); // no guardian on file: no code can go out, and the request closes unverified
            }
        }
        String phoneOnFile = facts.minor() || filedAs == FiledAs.GUARDIAN ? facts.guardianPhone() : facts.phone();
        if (level >= EMAIL_AND_PHONE_CODES && (phoneOnFile == null || phoneOnFile.isBlank())) {
            return Optional.of(ManualVerificationReason.NO_PHONE_ON_FILE);
        }
        return Optional.empty();
    }
}
