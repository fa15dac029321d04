package org.rightsflow.identity;

import java.util.List;

/** What a requester proves control of; the name is also the channel stored with each code. */
public enum VerificationFactor {
    /** A code to the email on file (level 1 and 2). */
    EMAIL,
    /** A code to the phone on file, by text message (level 2). */
    SMS;

    static List<VerificationFactor> requiredFor(int level) {
        return level >= VerificationLevelPolicy.EMAIL_AND_PHONE_CODES ? List.of(EMAIL, SMS) : List.of(EMAIL);
    }
}
