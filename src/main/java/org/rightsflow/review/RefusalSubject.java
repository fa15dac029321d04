package org.rightsflow.review;

/**
 * What a refusal proposal refuses: the step where a named staff member proposed it. Every one of them needs a second
 * person's approval before the requester is told (no refusal by one person).
 */
public enum RefusalSubject {
    /** The exemption review refuses the request in whole (REFUSE) or in part (PARTIAL, by data category). */
    EXEMPTION_REVIEW,
    /** The privacy officer found a transfer condition failing (or another ground) and proposes not to transfer. */
    TRANSFER,
    /** The privacy officer proposes not to apply some or all requested changes of a correction. */
    CORRECTION,
    /** The account still has blockers (unpaid bills, active resources, open invoices) when the wait for them ends. */
    CANCELLATION,
    /** A data operator who fulfils a right by hand could not do part of it (PARTIALLY_COMPLETED, with grounds). */
    MANUAL_FULFILMENT,
    /** The privacy officer proposes not to answer an EXPLAIN (a ground such as REPETITIVE) instead of answering it. */
    EXPLANATION
}
