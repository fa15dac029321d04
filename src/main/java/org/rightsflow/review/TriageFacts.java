package org.rightsflow.review;

import java.util.List;

/**
 * The facts the exemption-triage decision reads (docs/refusals.md, triage). Flags and counts only: the references of earlier
 * requests are evidence for the reviewer, not personal data.
 */
public record TriageFacts(int repeatCount, List<String> earlierReferences, boolean legalHold,
                          boolean openInvestigation, boolean minorAccount, boolean sensitiveCategories) {
}
