package org.rightsflow.operations.timeline;

import static org.rightsflow.common.Sql.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rightsflow.audit.AuditEntries;
import org.rightsflow.audit.AuditEntry;
import org.rightsflow.common.TimeSource;
import org.rightsflow.deadline.DeadlineEvent;
import org.rightsflow.deadline.DeadlineEvents;
import org.rightsflow.notice.NoticeDispatcher;
import org.rightsflow.operations.ReportingRules.DaysLeft;
import org.rightsflow.operations.register.RequestRegister;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.request.StatusChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request's whole timeline in one place, for the staff page, the staff API and the evidence pack: its status
 * history, deadline events, tasks (who claimed and completed them), decisions with grounds and explanations, the
 * notices sent (kind, time, Message-ID), and its audit entries, each checked against the hash chain. Holds no
 * personal data: the email the request was filed with, the contacts on file and the values a requester typed are
 * shown only through {@link RequesterData}, to the groups that decide on them, and each view is audited.
 */
@Service
public class RequestTimelines {

    /** The approval task of a refusal proposal; the proposal is the review task before it. */
    static final String APPROVAL_TASK = "Task_ApproveRefusal";
    static final String REVIEW_TASK = "Task_ReviewExemptions";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final RequestRepository requests;
    private final DeadlineEvents deadlineEvents;
    private final ProcessHistory processHistory;
    private final AuditEntries auditEntries;
    private final JdbcClient jdbc;
    private final TimeSource time;

    public RequestTimelines(RequestRepository requests, DeadlineEvents deadlineEvents, ProcessHistory processHistory,
                            AuditEntries auditEntries, JdbcClient jdbc, TimeSource time) {
        this.requests = requests;
        this.auditEntries = auditEntries;
        this.deadlineEvents = deadlineEvents;
        this.processHistory = processHistory;
        this.jdbc = jdbc;
        this.time = time;
    }

    /**
     * What the request is, without personal data.
     *
     * @param standing where it stands against its due date while open (null once final)
     * @param recordsReducedAt when the closed request's records were reduced to what its record needs after the
     *                         retention period (docs/retention.md), null before
     */
    public record Summary(String id, String reference, String type, String status, String language,
                          String deadlinePolicy, int verificationLevel, Instant receivedAt, Instant dueAt,
                          boolean dueDateProvisional, Instant verifiedAt, Instant fulfilmentStartedAt,
                          Instant closedAt, String outcome, boolean enteredByStaff, String receivedVia,
                          String manualVerificationReason, boolean clockPaused, DaysLeft standing,
                          List<String> grounds, Instant recordsReducedAt) {
    }

    public record Timeline(Summary summary, List<StatusChange> statuses, List<DeadlineEvent> deadlineEvents,
                           List<ProcessHistory.Instance> instances, List<ProcessHistory.Task> tasks,
                           List<Decision> decisions, List<NoticeRecord> notices, List<AuditRecord> audit,
                           List<TimelineEvent> events) {

        /** Every audit entry of the request is unchanged and linked into the chain. */
        public boolean auditIntact() {
            return audit.stream().allMatch(AuditRecord::intact);
        }
    }

    @Transactional(readOnly = true)
    public Timeline of(String reference) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        List<StatusChange> statuses = requests.history(request.id());
        List<DeadlineEvent> deadline = deadlineEvents.of(request.id());
        List<ProcessHistory.Task> tasks = processHistory.tasks(reference);
        List<Decision> decisions = decisions(tasks);
        List<NoticeRecord> notices = notices(request.id());
        List<AuditRecord> audit = audit(reference);
        Summary summary = summary(request, deadline);
        return new Timeline(summary, statuses, deadline, processHistory.instances(reference), tasks, decisions, notices,
                audit, merge(statuses, deadline, tasks, decisions, notices, audit));
    }

    private Summary summary(RightsRequest request, List<DeadlineEvent> deadline) {
        Map<String, Object> extra = jdbc.sql("""
                select entered_by_staff, received_via, manual_verification_reason, records_reduced_at
                from rights_request where id = :id""")
                .param("id", request.id()).query((rs, n) -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("entered_by_staff", rs.getBoolean("entered_by_staff"));
                    row.put("received_via", rs.getString("received_via"));
                    row.put("manual_verification_reason", rs.getString("manual_verification_reason"));
                    row.put("records_reduced_at", instant(rs, "records_reduced_at"));
                    return row;
                }).single();
        List<String> grounds = jdbc.sql("select ground from request_ground where request_id = :id order by ground")
                .param("id", request.id()).query(String.class).list();
        boolean paused = !deadline.isEmpty() && deadline.get(deadline.size() - 1).kind().name().equals("PAUSED");
        DaysLeft standing = request.status().isTerminal() ? null : RequestRegister.standing(request.dueAt(), time.now());
        return new Summary(request.id(), request.reference(), request.type().name(), request.status().name(),
                request.language(), request.deadlinePolicy(), request.verificationLevel(), request.receivedAt(),
                request.dueAt(), request.dueDateProvisional(), request.verifiedAt(), request.fulfilmentStartedAt(), request.closedAt(),
                request.outcome(), Boolean.TRUE.equals(extra.get("entered_by_staff")), (String) extra.get("received_via"),
                (String) extra.get("manual_verification_reason"), paused, standing, grounds,
                (Instant) extra.get("records_reduced_at"));
    }

    /** Completed tasks that carried a decision, each proposal paired with the approval that answered it. */
    static List<Decision> decisions(List<ProcessHistory.Task> tasks) {
        List<Decision> decisions = new ArrayList<>();
        for (ProcessHistory.Task task : tasks) {
            String decision = task.form().get("decision");
            if (task.ended() == null || decision == null) {
                continue;
            }
            String by = task.actions().stream().filter(a -> "Complete".equals(a.operation()) && a.userId() != null)
                    .map(ProcessHistory.UserAction::userId).reduce((a, b) -> b).orElse(task.assignee());
            String role;
            if (APPROVAL_TASK.equals(task.taskKey())) {
                role = "APPROVAL";
            } else if (REVIEW_TASK.equals(task.taskKey()) && !"PROCEED".equals(decision)) {
                role = "PROPOSAL";
            } else {
                role = "DECISION";
            }
            decisions.add(new Decision(task.taskKey(), task.name(), role, by, task.ended(), decision,
                    codes(task.form().get("grounds")), task.form().get("explanation"),
                    String.join(",", codes(task.form().get("refusedCategories"))), null, null));
        }
        // a proposal's answer is the next approval after it
        for (int i = 0; i < decisions.size(); i++) {
            Decision proposal = decisions.get(i);
            if (!"PROPOSAL".equals(proposal.role())) {
                continue;
            }
            for (int j = i + 1; j < decisions.size(); j++) {
                Decision next = decisions.get(j);
                if ("PROPOSAL".equals(next.role())) {
                    break;
                }
                if ("APPROVAL".equals(next.role())) {
                    decisions.set(i, new Decision(proposal.taskKey(), proposal.taskName(), proposal.role(),
                            proposal.decidedBy(), proposal.at(), proposal.decision(), proposal.grounds(),
                            proposal.explanation(), proposal.refusedCategories(), next.decidedBy(), next.decision()));
                    break;
                }
            }
        }
        return decisions;
    }

    /** Codes out of a form value: a JSON list ({@code ["A","B"]}) or a comma-separated one. */
    static List<String> codes(String value) {
        List<String> codes = new ArrayList<>();
        if (value == null) {
            return codes;
        }
        Matcher m = CODE.matcher(value);
        while (m.find()) {
            codes.add(m.group());
        }
        return codes;
    }

    /**
     * The request's notices as the outbox holds them, in order; a closed request's whose records were reduced, as its
     * reduced record keeps them (no address, no text: kind, subject, language, times and the Message-ID).
     */
    public List<NoticeRecord> notices(String requestId) {
        List<NoticeRecord> rows = jdbc.sql("""
                select id, kind, recipient, language, subject, created_at, sent_at, failed_at, attempts
                from notice_outbox where request_id = :id order by created_at, id""")
                .param("id", requestId)
                .query((rs, n) -> new NoticeRecord(rs.getString("id"), rs.getString("kind"),
                        Masking.email(rs.getString("recipient")), rs.getString("language"), rs.getString("subject"),
                        instant(rs, "created_at"), instant(rs, "sent_at"), instant(rs, "failed_at"),
                        rs.getInt("attempts"), NoticeDispatcher.messageId(rs.getString("id"))))
                .list();
        if (!rows.isEmpty()) {
            return rows;
        }
        return requests.reducedRecord(requestId).map(record -> record.notices().stream()
                .map(c -> new NoticeRecord(c.get("id"), c.get("kind"), Masking.email(null), c.get("language"),
                        c.get("subject"), parsed(c.get("created_at")), parsed(c.get("sent_at")),
                        parsed(c.get("failed_at")), Integer.parseInt(c.get("attempts")),
                        NoticeDispatcher.messageId(c.get("id"))))
                .toList()).orElse(rows);
    }

    private static Instant parsed(String instant) {
        return instant == null ? null : Instant.parse(instant);
    }

    /**
     * The request's audit entries (its own rows and those sealed with it), each recomputed and checked against the
     * entry before it in the chain, wherever that one is.
     */
    List<AuditRecord> audit(String reference) {
        List<AuditEntry> entries = auditEntries.of(reference);
        Map<Long, String> hashes = new HashMap<>();
        entries.forEach(e -> hashes.put(e.seq(), e.hash()));
        List<AuditRecord> records = new ArrayList<>();
        for (AuditEntry e : entries) {
            String before = e.seq() == 1 ? "0".repeat(64) : hashes.containsKey(e.seq() - 1) ? hashes.get(e.seq() - 1)
                    : auditEntries.hashOf(e.seq() - 1).orElse(null);
            records.add(new AuditRecord(e.seq(), e.at(), e.actor(), e.action(), e.detail(), e.prevHash(), e.hash(),
                    e.recomputedHash().equals(e.hash()), e.prevHash().equals(before)));
        }
        return records;
    }

    private static List<TimelineEvent> merge(List<StatusChange> statuses, List<DeadlineEvent> deadline,
                                             List<ProcessHistory.Task> tasks, List<Decision> decisions,
                                             List<NoticeRecord> notices, List<AuditRecord> audit) {
        List<TimelineEvent> events = new ArrayList<>();
        statuses.forEach(s -> events.add(new TimelineEvent(s.at(), "STATUS", s.status().name(), null, null)));
        deadline.forEach(e -> events.add(new TimelineEvent(e.at(), "DEADLINE", e.kind().name(), e.staffUser(),
                e.reason())));
        for (ProcessHistory.Task task : tasks) {
            events.add(new TimelineEvent(task.created(), "TASK", task.name(), null, "created"));
            task.actions().forEach(a -> events.add(new TimelineEvent(a.at(), "TASK", task.name(), a.userId(),
                    a.operation())));
        }
        decisions.forEach(d -> events.add(new TimelineEvent(d.at(), "DECISION", d.decision(), d.decidedBy(),
                (d.grounds().isEmpty() ? "" : String.join(", ", d.grounds()) + " — ")
                        + (d.explanation() == null ? "" : d.explanation()))));
        notices.forEach(n -> events.add(new TimelineEvent(n.sentAt() != null ? n.sentAt() : n.createdAt(), "NOTICE",
                n.kind(), null, n.sentAt() != null ? "sent " + n.messageId()
                : n.failedAt() != null ? "given up" : "waiting")));
        audit.forEach(a -> events.add(new TimelineEvent(a.at(), "AUDIT", a.action(), a.actor(), a.detail())));
        events.sort(Comparator.comparing(TimelineEvent::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return events;
    }
}
