package org.rightsflow.identity;

import java.util.Optional;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.request.RequestType;
import org.springframework.stereotype.Component;

/**
 * The one place that decides how strongly a requester must prove who they are (SPEC §3). Level 2 adds a code to
 * the phone on file: account cancellation, any request for a minor's account (the guardian acts), and copies or
 * transfers of an account that holds sensitive data.
 */
@Component
public class VerificationLevelPolicy {

    public static final int EMAIL_CODE = 1;
    public static final int EMAIL_AND_PHONE_CODES = 2;

    private final AccountDirectory accounts;

    public VerificationLevelPolicy(AccountDirectory accounts) {
        this.accounts = accounts;
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
}
