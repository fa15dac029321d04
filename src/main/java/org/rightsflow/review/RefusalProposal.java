package org.rightsflow.review;

import java.time.Instant;
import java.util.List;

/**
 * One refusal as a staff member proposed it, and the second person's decision on it (null while it waits).
 *
 * @param decision REFUSE (the whole request) or PARTIAL
 * @param approval APPROVE or REJECT, null while the proposal waits for the second person
 */
public record RefusalProposal(long id, String requestId, RefusalSubject subject, String decision, List<String> grounds,
                              String explanation, String proposedBy, Instant proposedAt, String approval,
                              String decidedBy, String approvalComment, Instant decidedAt) {

    public RefusalProposal {
        grounds = List.copyOf(grounds);
    }

    public boolean open() {
        return approval == null;
    }
}
