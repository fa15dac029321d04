package org.rightsflow.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A history of rights requests written straight into the application's tables (no engine, no mail: cheap enough for
 * the test suite): every right and outcome over the last six months, some answered late, some still open and
 * overdue, refusals with grounds. Requests are {@code RR-<day>-9NNN} for an email {@code @history.invalid}; written
 * once per database (the same seed gives the same history).
 */
public final class GeneratedHistory {

    public static final String EMAIL_DOMAIN = "@history.invalid";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String[] TYPES = {"ACCESS", "COPY", "CORRECT", "DELETE", "TRANSFER", "WITHDRAW_CONSENT",
            "CANCEL_ACCOUNT"};
    private static final String[] OPEN = {"RECEIVED", "AWAITING_VERIFICATION", "IN_REVIEW", "IN_PROGRESS",
            "WAITING_FOR_REQUESTER"};
    private static final String[] GROUNDS = {"LEGAL_OBLIGATION", "CRIMINAL_PROCEEDINGS", "ABUSE_OF_RIGHTS", "REPETITIVE",
            "TRADE_SECRET", "IMPRACTICAL", "HARM_TO_OTHERS", "EXCESSIVE_TECHNICAL_MEANS"};

    private GeneratedHistory() {
    }

    /** Writes the history unless it is there; returns how many generated requests the database holds. */
    public static synchronized int ensure(JdbcTemplate jdbc, int requests) {
        Integer existing = jdbc.queryForObject("select count(*) from rights_request where account_email like ?",
                Integer.class, "%" + EMAIL_DOMAIN);
        if (existing != null && existing > 0) {
            return existing;
        }
        Random random = new Random(19);
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> grounds = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            Instant received = now.minus(Duration.ofMinutes(60 + random.nextInt(180 * 24 * 60)));
            LocalDate day = LocalDate.ofInstant(received, SHANGHAI);
            int number = 9000 + perDay.merge(day, 1, Integer::sum);
            String reference = "RR-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + number;
            String type = TYPES[random.nextInt(TYPES.length)];
            Instant due = received.plus(Duration.ofDays(15));
            String status;
            Instant closed = null;
            int roll = random.nextInt(100);
            boolean old = received.isBefore(now.minus(Duration.ofDays(25)));
            if (!old && roll < 55 || old && roll < 5) {
                status = OPEN[random.nextInt(OPEN.length)]; // old ones still open are overdue
            } else {
                closed = received.plus(Duration.ofMinutes(30 + random.nextInt(21 * 24 * 60)));
                if (closed.isAfter(now)) {
                    closed = now.minus(Duration.ofMinutes(1 + random.nextInt(50)));
                }
                int outcome = random.nextInt(100);
                status = outcome < 55 ? "COMPLETED" : outcome < 65 ? "PARTIALLY_COMPLETED" : outcome < 75 ? "REFUSED"
                        : outcome < 87 ? "WITHDRAWN" : "CLOSED_UNVERIFIED";
            }
            String id = UUID.randomUUID().toString();
            String outcome = switch (status) {
                case "COMPLETED", "PARTIALLY_COMPLETED", "REFUSED" -> status;
                default -> null;
            };
            // a working-day deadline in a year without calendar data is provisional (some recent cancellations)
            boolean provisional = type.equals("CANCEL_ACCOUNT") && !old && random.nextInt(3) == 0;
            rows.add(new Object[] {id, reference, type, status, "requester-" + i + EMAIL_DOMAIN,
                    random.nextBoolean() ? "zh-CN" : "en", ts(received), ts(due), ts(due.minus(Duration.ofDays(5))),
                    "h" + i, "n" + i, outcome, ts(closed), provisional});
            history.add(new Object[] {id, "RECEIVED", ts(received)});
            if (closed != null) {
                history.add(new Object[] {id, status, ts(closed)});
            }
            if (status.equals("REFUSED") || status.equals("PARTIALLY_COMPLETED")) {
                int first = random.nextInt(GROUNDS.length);
                grounds.add(new Object[] {id, GROUNDS[first]});
                if (random.nextInt(3) == 0) {
                    grounds.add(new Object[] {id, GROUNDS[(first + 1 + random.nextInt(GROUNDS.length - 1)) % GROUNDS.length]});
                }
            }
        }
        jdbc.batchUpdate("""
                insert into rights_request (id, reference, request_type, status, account_email, language, received_at,
                  due_at, reminder_at, deadline_policy, verification_level, status_token_hash, status_token_nonce,
                  outcome, closed_at, due_date_provisional)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PIPL_STATEMENT', 1, ?, ?, ?, ?, ?)""", rows);
        jdbc.batchUpdate("insert into request_status_history (request_id, status, at) values (?, ?, ?)", history);
        jdbc.batchUpdate("insert into request_ground (request_id, ground) values (?, ?)", grounds);
        return requests;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
