package org.rightsflow.deadline;

import static org.rightsflow.common.Sql.instant;

import java.time.Instant;
import java.util.List;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When calendar data arrives, the open requests whose due date rested on an assumed year are checked again on the
 * data in force. Where the count no longer assumes anything, the provisional flag is cleared and the due date stays
 * as promised, even where the official count ends later (a promised date never moves later by itself; an officer
 * may extend where the policy allows). Each clearing is a deadline event (CONFIRMED, with the official count in the
 * reason) and an audit entry. Safe to run on every node and again: only a row still flagged is cleared, once.
 */
@Service
public class ProvisionalDueDates {

    private static final Logger log = LoggerFactory.getLogger(ProvisionalDueDates.class);

    private final JdbcClient jdbc;
    private final DeadlineService deadlines;
    private final DeadlineEvents deadlineEvents;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TimeSource time;
    private final TransactionTemplate transaction;

    public ProvisionalDueDates(JdbcClient jdbc, DeadlineService deadlines, DeadlineEvents deadlineEvents,
                               AuditTrail audit, ApplicationEventPublisher events, TimeSource time,
                               PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.deadlineEvents = deadlineEvents;
        this.audit = audit;
        this.events = events;
        this.time = time;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Flagged(String id, String reference, Instant receivedAt, Instant dueAt, String policy) {
    }

    @EventListener
    public void on(CalendarDataChanged changed) {
        confirmWhereCertain(changed.coveredYears().toString());
    }

    /** A file added while the application was down is in force from the start: the flags it settles go now. */
    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        confirmWhereCertain("at start");
    }

    /**
     * @param cause for the log
     * @return how many due dates became certain
     */
    public int confirmWhereCertain(String cause) {
        List<Flagged> flagged = jdbc.sql("""
                select id, reference, received_at, due_at, deadline_policy from rights_request
                where due_date_provisional = true and closed_at is null""")
                .query((rs, n) -> new Flagged(rs.getString("id"), rs.getString("reference"),
                        instant(rs, "received_at"), instant(rs, "due_at"), rs.getString("deadline_policy")))
                .list();
        int confirmed = 0;
        for (Flagged request : flagged) {
            try {
                Boolean done = transaction.execute(status -> confirmIfCertain(request));
                if (Boolean.TRUE.equals(done)) {
                    confirmed++;
                }
            } catch (RuntimeException e) {
                // one request's failure (a concurrent change) must not keep the others provisional; the next
                // change or start retries it
                log.warn("Provisional due date of {} not rechecked: {}", request.reference(), e.toString());
            }
        }
        if (!flagged.isEmpty()) {
            log.info("Calendar data changed ({}): {} of {} provisional due dates are now certain", cause, confirmed,
                    flagged.size());
        }
        return confirmed;
    }

    private boolean confirmIfCertain(Flagged request) {
        DueDate official = deadlines.recount(request.policy(), request.receivedAt());
        if (official.provisional()) {
            return false; // the count still reaches a year without data
        }
        int cleared = jdbc.sql("update rights_request set due_date_provisional = false"
                        + " where id = :id and due_date_provisional = true")
                .param("id", request.id()).update();
        if (cleared != 1) {
            return false; // another node got there first
        }
        Instant now = time.now();
        String reason = "Calendar data for the assumed year is now in force: the official count ("
                + request.policy() + ") ends " + official.at() + "; the promised due date stays";
        deadlineEvents.record(request.id(), DeadlineEventKind.CONFIRMED, reason, request.dueAt(), request.dueAt(),
                null, "system", now);
        audit.record(request.reference(), "system", "DUE_DATE_CONFIRMED", "{\"dueAt\":\"" + request.dueAt()
                + "\",\"officialDueAt\":\"" + official.at() + "\"}");
        events.publishEvent(new DueDateConfirmed(request.id(), request.reference()));
        return true;
    }
}
