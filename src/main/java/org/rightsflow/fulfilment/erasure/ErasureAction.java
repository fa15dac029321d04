package org.rightsflow.fulfilment.erasure;

/** What an erasure does with one data category of the subject. */
public enum ErasureAction {
    /** Every row is erased now (no retention rule, or every row's retention has run out). */
    NOW,
    /** Some rows are held by a retention rule: restricted now, erased when it expires (the rest erased now). */
    HOLD,
    /** The subject has no rows in the category. */
    NONE
}
