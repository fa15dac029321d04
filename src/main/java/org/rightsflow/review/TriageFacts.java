package org.rightsflow.review;

import java.util.List;

/**
 * The facts the exemption-triage decision reads (docs/refusals.md, triage). Flags and counts only: the references of earlier
 * requests are evidence for the reviewer, not personal data.
 *
 * @param deletionGroundMissing a DELETE that states none of the five deletion grounds: an officer decides, always
 * @param referredToReview      a privacy officer sent the request to review and no review has taken it up yet, or a
 *                              close relative of a deceased holder filed it (every such request is reviewed)
 * @param enteredByStaff        entered by intake staff from a call, letter or email: an erasure, cancellation, copy or
 *                              transfer entered so always goes to a privacy officer (separation of duties)
 */
public record TriageFacts(int repeatCount, List<String> earlierReferences, boolean legalHold,
                          boolean openInvestigation, boolean minorAccount, boolean sensitiveCategories,
                          boolean deletionGroundMissing, boolean referredToReview, boolean enteredByStaff) {
}
