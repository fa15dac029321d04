package org.rightsflow.fulfilment.systems;

/**
 * The identifiers of a step's subject, given to the system's worker in exchange for the step's subject handle (and
 * only through the authenticated worker API, never through an engine variable).
 */
public record SubjectIdentifiers(long accountId, String email, String phone) {
}
