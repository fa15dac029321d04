package org.rightsflow.deadline;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deadline events of a request (table {@code deadline_event}) and the request's current due dates, which move
 * with them: both are written together, in the caller's transaction.
 */
@Repository
public class DeadlineEvents {

    private final JdbcClient jdbc;

    public DeadlineEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String requestId, DeadlineEventKind kind, String reason, Instant oldDueAt, Instant newDueAt,
                       String statusBefore, String staffUser, Instant at) {
        jdbc.sql("""
                insert into deadline_event (request_id, kind, reason, old_due_at, new_due_at, status_before, staff_user, at)
                values (:requestId, :kind, :reason, :oldDueAt, :newDueAt, :statusBefore, :staffUser, :at)""")
                .param("requestId", requestId).param("kind", kind.name()).param("reason", reason)
                .param("oldDueAt", ts(oldDueAt)).param("newDueAt", ts(newDueAt)).param("statusBefore", statusBefore)
                .param("staffUser", staffUser).param("at", ts(at))
                .update();
    }

    /** Moves the stored due date and staff reminder of a request (rights_request is the source of the timers). */
    public void moveDueDate(String requestId, Instant dueAt, Instant reminderAt) {
        jdbc.sql("update rights_request set due_at = :dueAt, reminder_at = :reminderAt where id = :id")
                .param("dueAt", ts(dueAt)).param("reminderAt", ts(reminderAt)).param("id", requestId)
                .update();
    }

    public List<DeadlineEvent> of(String requestId) {
        return jdbc.sql("select * from deadline_event where request_id = :id order by id")
                .param("id", requestId).query(DeadlineEvents::map).list();
    }

    public boolean wasExtended(String requestId) {
        return of(requestId).stream().anyMatch(e -> e.kind() == DeadlineEventKind.EXTENDED);
    }

    /** The pause still running: the last pause or resume event is a PAUSED one (a CONFIRMED may come after it). */
    public Optional<DeadlineEvent> openPause(String requestId) {
        List<DeadlineEvent> clock = of(requestId).stream()
                .filter(e -> e.kind() == DeadlineEventKind.PAUSED || e.kind() == DeadlineEventKind.RESUMED).toList();
        return clock.isEmpty() || clock.get(clock.size() - 1).kind() != DeadlineEventKind.PAUSED
                ? Optional.empty() : Optional.of(clock.get(clock.size() - 1));
    }

    /** How long the clock stood still in finished pauses: an extension is counted on top of it. */
    public Duration pausedTotal(String requestId) {
        Duration total = Duration.ZERO;
        Instant pausedAt = null;
        for (DeadlineEvent event : of(requestId)) {
            if (event.kind() == DeadlineEventKind.PAUSED) {
                pausedAt = event.at();
            } else if (event.kind() == DeadlineEventKind.RESUMED && pausedAt != null) {
                total = total.plus(Duration.between(pausedAt, event.at()));
                pausedAt = null;
            }
        }
        return total;
    }

    private static DeadlineEvent map(ResultSet rs, int row) throws SQLException {
        return new DeadlineEvent(rs.getLong("id"), rs.getString("request_id"),
                DeadlineEventKind.valueOf(rs.getString("kind")), rs.getString("reason"), instant(rs, "old_due_at"),
                instant(rs, "new_due_at"), rs.getString("status_before"), rs.getString("staff_user"),
                instant(rs, "at"));
    }
}
