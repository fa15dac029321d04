package org.rightsflow.request;

import java.time.Instant;
import java.util.List;

/**
 * A clarification asked of the requester while the clock is paused, and their answer.
 *
 * @param answer the requester's own text: shown to staff, never put in a notice or the engine
 * @param ended  ANSWERED, RESUMED_BY_STAFF or UNANSWERED; null while it waits
 */
public record Clarification(long id, String requestId, long pauseEventId, List<ClarificationTopic> topics,
                            String askedBy, Instant askedAt, String answer, Instant answeredAt, String ended,
                            Instant endedAt) {

    public static final String ANSWERED = "ANSWERED";
    public static final String RESUMED_BY_STAFF = "RESUMED_BY_STAFF";
    public static final String UNANSWERED = "UNANSWERED";

    public Clarification {
        topics = List.copyOf(topics);
    }

    public boolean open() {
        return ended == null;
    }
}
