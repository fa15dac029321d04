package org.rightsflow.notice;

import static org.rightsflow.common.Sql.ts;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rightsflow.common.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds through {@code spring.mail.*}, oldest first, but verification codes before everything
 * else that is due ({@link NoticeKind#awaitedAtTheScreen}): a requester waits for the code at the screen, and a
 * burst of results, reminders or digests must not hold it back. A notice is claimed before sending (so two nodes
 * never send the same one), marked sent right after, retried with a doubling back-off on failure, and marked
 * failed (logged for operators) after the configured attempts. A round's notices share one SMTP connection. Each message carries a Message-ID derived from the
 * outbox row, so even a send repeated after a crash between "sent" and "marked" is recognisable as one message.
 */
@Component
public class NoticeDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);
    /** Codes must not outlive their delivery in clear text. */
    private static final String REDACTED_BODY = "[sent; one-time code removed from storage]";

    /** The kinds sent first (SQL list of constants from the enum, never input). */
    private static final String AWAITED_AT_THE_SCREEN = Arrays.stream(NoticeKind.values())
            .filter(NoticeKind::awaitedAtTheScreen).map(kind -> "'" + kind.name() + "'").collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final JavaMailSender mail;
    private final NoticeProperties properties;
    private final TimeSource time;
    /** The claim of a round: its own short transaction, whatever the caller runs in. */
    private final TransactionTemplate claiming;

    /** The Message-ID a notice is sent with: derived from its outbox row, so a repeat after a crash has the same. */
    public static String messageId(String outboxId) {
        return "<" + outboxId + "@rightsflow>";
    }

    public NoticeDispatcher(JdbcClient jdbc, JavaMailSender mail, NoticeProperties properties, TimeSource time,
                            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.properties = properties;
        this.time = time;
        this.claiming = new TransactionTemplate(transactions);
        this.claiming.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(fixedDelayString = "${rightsflow.notice.dispatch-interval:PT1S}")
    public void dispatchDue() {
        int sent;
        do {
            sent = dispatchBatch();
        } while (sent == properties.batchSize());
    }

    /** @return how many notices were claimed in this round */
    public int dispatchBatch() {
        List<Row> claimed = claimRound(time.now());
        Map<MimeMessage, Row> messages = new LinkedHashMap<>();
        for (Row row : claimed) {
            try {
                messages.put(message(row), row);
            } catch (MessagingException e) {
                recordFailure(row, e);
            }
        }
        if (!messages.isEmpty()) {
            send(messages);
        }
        return claimed.size();
    }

    /**
     * Claims the round's notices and reads them, in one short transaction of two statements (it used to be one
     * claim and one read per notice): the due rows are locked as they are read, skipping those another node's round
     * is claiming at that moment, and reserved for this node until {@code claim-timeout}. A row another node
     * claimed and committed in between no longer matches the condition and is not returned (PostgreSQL re-reads a
     * locked row's condition); so every notice is in at most one round at a time, as before.
     */
    private List<Row> claimRound(Instant now) {
        return claiming.execute(status -> {
            List<Row> due = jdbc.sql("""
                    select id, kind, recipient, subject, body, attempts from notice_outbox
                    where sent_at is null and failed_at is null and next_attempt_at <= :now
                      and (claimed_until is null or claimed_until < :now)
                    order by case when kind in (%s) then 0 else 1 end, created_at
                    fetch first :batch rows only
                    for update skip locked""".formatted(AWAITED_AT_THE_SCREEN))
                    .param("now", ts(now)).param("batch", properties.batchSize())
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6)))
                    .list();
            if (!due.isEmpty()) {
                jdbc.sql("update notice_outbox set claimed_until = :until where id in (:ids)")
                        .param("until", ts(now.plus(properties.claimTimeout())))
                        .param("ids", due.stream().map(Row::id).toList())
                        .update();
            }
            return due;
        });
    }

    private MimeMessage message(Row row) throws MessagingException {
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(row.recipient());
        helper.setSubject(row.subject());
        helper.setText(row.body(), false);
        message.setSentDate(Date.from(time.now()));
        message.saveChanges();
        message.setHeader("Message-ID", messageId(row.id()));
        message.setHeader("X-Rightsflow-Notice", row.kind());
        return message;
    }

    /**
     * Sends the round's messages over one SMTP connection (one handshake per round, not per message: a burst of
     * thousands of notices would otherwise open thousands of connections), and marks each one sent as soon as the
     * server has taken it. Marking the whole round after the last message would widen what a crash can repeat from
     * one message to a round (CrashRecoveryIT counts repeated deliveries). A message that fails is retried on its own
     * schedule; a connection that drops is opened again once for the rest of the round.
     */
    private void send(Map<MimeMessage, Row> messages) {
        if (!(mail instanceof JavaMailSenderImpl smtp)) {
            // another sender (none in this product): one call per message
            messages.forEach((message, row) -> {
                try {
                    mail.send(message);
                    markSent(row);
                } catch (MailException e) {
                    recordFailure(row, e);
                }
            });
            return;
        }
        Transport transport = null;
        List<Row> settled = new ArrayList<>();
        try {
            for (Map.Entry<MimeMessage, Row> entry : messages.entrySet()) {
                if (transport == null) {
                    transport = connect(smtp);
                }
                MimeMessage message = entry.getKey();
                settled.add(entry.getValue());
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                } catch (MessagingException e) {
                    recordFailure(entry.getValue(), e);
                    // the connection may be gone with it: the next message opens a new one (asking the server with
                    // isConnected() would cost a NOOP per message)
                    close(transport);
                    transport = null;
                    continue;
                }
                markSent(entry.getValue());
            }
        } catch (MessagingException cannotConnect) {
            // the server cannot be reached: every notice of the round not yet handled waits for its retry
            messages.values().stream().filter(row -> !settled.contains(row))
                    .forEach(row -> recordFailure(row, cannotConnect));
        } finally {
            close(transport);
        }
    }

    private static Transport connect(JavaMailSenderImpl smtp) throws MessagingException {
        Transport transport = smtp.getSession().getTransport(smtp.getProtocol() == null ? "smtp" : smtp.getProtocol());
        // as JavaMailSenderImpl does: an empty user or password (SMTP_USER unset in the postgres profile) means none
        String user = smtp.getUsername() == null || smtp.getUsername().isEmpty() ? null : smtp.getUsername();
        String password = smtp.getPassword() == null || smtp.getPassword().isEmpty() ? null : smtp.getPassword();
        transport.connect(smtp.getHost(), smtp.getPort(), user, password);
        return transport;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the messages were sent or recorded as failed; a failing QUIT changes nothing
            }
        }
    }

    private void markSent(Row row) {
        boolean secret = NoticeKind.VERIFICATION_CODE.name().equals(row.kind());
        jdbc.sql("update notice_outbox set sent_at = :now, attempts = attempts + 1, claimed_until = null"
                        + (secret ? ", body = :redacted" : "") + " where id = :id")
                .param("now", ts(time.now())).param("id", row.id())
                .params(secret ? Map.of("redacted", REDACTED_BODY) : Map.of())
                .update();
    }

    private void recordFailure(Row row, Exception e) {
        String id = row.id();
        int attempts = row.attempts() + 1;
        Instant now = time.now();
        boolean giveUp = attempts >= properties.maxAttempts();
        long backoffSeconds = properties.retryBackoff().toSeconds() << Math.min(attempts - 1, 10);
        jdbc.sql("""
                update notice_outbox set attempts = :attempts, claimed_until = null, last_error = :error,
                  next_attempt_at = :next, failed_at = :failed where id = :id""")
                .param("attempts", attempts)
                .param("error", abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .param("next", ts(now.plusSeconds(backoffSeconds)))
                .param("failed", giveUp ? ts(now) : null)
                .param("id", id)
                .update();
        // The notice id only: recipients and contents are personal data and stay out of logs.
        if (giveUp) {
            log.error("Notice {} could not be sent after {} attempts; operators must resend it", id, attempts);
        } else {
            log.warn("Notice {} not sent (attempt {}): {}", id, attempts, e.getClass().getSimpleName());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private record Row(String id, String kind, String recipient, String subject, String body, int attempts) {
    }
}
