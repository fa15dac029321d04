package org.rightsflow.datamap;

/**
 * The data categories of the provider's privacy statement (docs/data-map.md). Every category is
 * described, per system, by the data map ({@link DataMap}); labels for people live there.
 */
public enum DataCategory {
    /** Registration and login bindings: WeChat OpenID, QQ, WeCom, email, phone. */
    ACCOUNT,
    /** Name, identity number, face data (sensitive). */
    REAL_NAME,
    /** Security phone and email. */
    SECURITY,
    /** Remittances, top-ups, bank details (sensitive: financial accounts). */
    PAYMENTS,
    /** Consumption bills. */
    BILLING,
    /** Invoice recipient name, address, contact. */
    INVOICES,
    OPERATION_LOGS,
    CONTRACTS,
    /** Tickets, call recordings, uploaded content. */
    SUPPORT,
    /** Cookie, marketing, sharing preferences. */
    CONSENTS
}
