package org.rightsflow.datamap;

/** The operations a system's connector (or its worker, or a data operator) carries out. */
public enum ConnectorOperation {
    /** Count the subject's rows per category (ACCESS). */
    COUNT,
    /** Read the subject's rows and record (COPY, TRANSFER). */
    READ,
    /** Erase by the data map's rule what no retention holds; restrict what it holds (DELETE, CANCEL_ACCOUNT). */
    ERASE,
    /** Flag rows restricted: storage and security only. */
    RESTRICT,
    /** Clear a restriction. */
    LIFT_RESTRICTION,
    /** Write a corrected value (CORRECT). */
    CORRECT,
    /** Record a consent withdrawal in the system's consent register (WITHDRAW_CONSENT). */
    WITHDRAW_CONSENT
}
