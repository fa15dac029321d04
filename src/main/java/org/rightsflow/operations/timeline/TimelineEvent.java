package org.rightsflow.operations.timeline;

import java.time.Instant;

/**
 * One line of a request's whole timeline, all sources merged in time order.
 *
 * @param kind   STATUS, DEADLINE, TASK, DECISION, NOTICE or AUDIT
 * @param what   a code (a status, an event kind, a task name, a notice kind, an audit action)
 * @param who    the staff user, {@code system} or {@code requester} (null where nobody acted)
 * @param detail codes and staff text; never a requester's data
 */
public record TimelineEvent(Instant at, String kind, String what, String who, String detail) {
}
