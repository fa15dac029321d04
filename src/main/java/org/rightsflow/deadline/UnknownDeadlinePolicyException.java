package org.rightsflow.deadline;

import java.util.Collection;
import java.util.TreeSet;

/** A policy code that no {@link DeadlinePolicy} has: most likely a typo in configuration. */
public class UnknownDeadlinePolicyException extends IllegalArgumentException {

    UnknownDeadlinePolicyException(String code, String where, Collection<String> knownCodes) {
        super("Unknown deadline policy '" + code + "' in " + where + "; known policies: " + new TreeSet<>(knownCodes));
    }
}
