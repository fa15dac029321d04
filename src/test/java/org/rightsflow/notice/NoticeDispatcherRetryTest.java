package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.TestDatabases;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on its own database: a notice enqueued twice is stored once; while the SMTP server is down the
 * dispatcher backs off and counts attempts; once it is up the notice arrives exactly once; after the configured
 * attempts a notice is marked failed instead of being retried for ever. A round's notices share one connection. Two
 * nodes dispatching at once send each notice once, and neither waits for the rows the other is claiming.
 */
class NoticeDispatcherRetryTest {

    /** Each test's outbox on a database of its own, with a clock the test may set. */
    private DataSource db;
    private JdbcClient jdbc;
    private TransactionTemplate tx;
    private final TimeSource time = new TimeSource();
    private Outbox outbox;

    @BeforeEach
    void outboxOnAFreshDatabase() {
        db = TestDatabases.freshPostgres();
        jdbc = JdbcClient.create(db);
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        outbox = new Outbox(jdbc, new NoticeTemplates(), time);
    }

    @Test
    void retriesWithBackOffUntilTheServerAnswersAndSendsOnce() throws Exception {
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        time.useClock(Clock.fixed(start, ZoneOffset.UTC));
        Notice notice = staffReminder("retry-test:1", "staff@example.com", "RR-20261129-0001");
        Boolean stored = tx.execute(s -> outbox.enqueue(notice));
        Boolean storedAgain = tx.execute(s -> outbox.enqueue(notice));
        assertThat(stored).isTrue();
        assertThat(storedAgain).as("the same dedup key stores nothing more").isFalse();

        int port = TestInfrastructure.freePort();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        NoticeProperties properties = new NoticeProperties(NoticeProperties.defaults().from(), 3,
                Duration.ofSeconds(30), 20, Duration.ofMinutes(2));
        NoticeDispatcher dispatcher = new NoticeDispatcher(jdbc, sender, properties, time, tx.getTransactionManager());

        dispatcher.dispatchBatch(); // nothing listens on the port yet
        var row = new JdbcTemplate(db).queryForMap("select attempts, next_attempt_at, sent_at, failed_at from notice_outbox");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("sent_at")).isNull();
        assertThat(row.get("failed_at")).isNull();
        assertThat(dispatcher.dispatchBatch()).as("not due again before the back-off").isZero();

        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            time.useClock(Clock.fixed(start.plusSeconds(31), ZoneOffset.UTC));
            assertThat(dispatcher.dispatchBatch()).isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("RR-20261129-0001");
            time.useClock(Clock.fixed(start.plusSeconds(3600), ZoneOffset.UTC));
            assertThat(dispatcher.dispatchBatch()).as("a sent notice is never sent again").isZero();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            smtp.stop();
        }

        Notice doomed = staffReminder("retry-test:2", "staff@example.com", "RR-20261129-0001");
        tx.execute(s -> outbox.enqueue(doomed));
        for (int attempt = 1; attempt <= 3; attempt++) {
            time.useClock(Clock.fixed(start.plus(Duration.ofDays(attempt)), ZoneOffset.UTC));
            dispatcher.dispatchBatch();
        }
        var failed = new JdbcTemplate(db).queryForMap(
                "select attempts, failed_at, sent_at from notice_outbox where dedup_key = 'retry-test:2'");
        assertThat(failed.get("attempts")).isEqualTo(3);
        assertThat(failed.get("failed_at")).as("given up after the configured attempts").isNotNull();
        assertThat(failed.get("sent_at")).isNull();
    }

    @Test
    void aRoundOfNoticesSharesOneSmtpConnectionAndEachArrivesOnce() throws Exception {
        for (int i = 0; i < 25; i++) {
            Notice notice = staffReminder("batch-test:" + i, "staff" + i + "@example.com", "RR-20261129-%04d".formatted(i));
            tx.execute(s -> outbox.enqueue(notice));
        }
        GreenMail smtp = new GreenMail(new ServerSetup(TestInfrastructure.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (ConnectionCountingProxy proxy = new ConnectionCountingProxy(smtp.getSmtp().getPort())) {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(proxy.port());
            // the postgres profile's SMTP_USER and SMTP_PASSWORD default to empty: that means no login
            sender.setUsername("");
            sender.setPassword("");
            NoticeDispatcher dispatcher = new NoticeDispatcher(jdbc, sender,
                    new NoticeProperties(NoticeProperties.defaults().from(), 3, Duration.ofSeconds(30), 50,
                            Duration.ofMinutes(2)), time, tx.getTransactionManager());

            assertThat(dispatcher.dispatchBatch()).isEqualTo(25);
            assertThat(dispatcher.dispatchBatch()).as("nothing is left to send").isZero();

            assertThat(proxy.connections()).as("one SMTP connection for the whole round").isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).hasSize(25);
            assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
                try {
                    return m.getMessageID();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).distinct()).as("each notice once, with its own Message-ID").hasSize(25);
            assertThat(new JdbcTemplate(db).queryForObject(
                    "select count(*) from notice_outbox where sent_at is not null and attempts = 1", Integer.class))
                    .isEqualTo(25);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aVerificationCodeIsSentBeforeOlderNoticesThatAreDue() throws Exception {
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        for (int i = 0; i < 4; i++) {
            time.useClock(Clock.fixed(start.plusSeconds(i), ZoneOffset.UTC));
            Notice reminder = staffReminder("order-test:" + i, "staff@example.com", "RR-20261129-%04d".formatted(i));
            tx.execute(s -> outbox.enqueue(reminder));
        }
        time.useClock(Clock.fixed(start.plusSeconds(10), ZoneOffset.UTC));
        Map<String, Object> codeModel = new java.util.HashMap<>(Map.of("code", "482913", "reference", "RR-20261129-0042",
                "requestType", "ACCESS", "expiresAt", "2026-11-29 18:30"));
        codeModel.put("guardian", false);
        codeModel.put("secondFactor", false);
        tx.execute(s -> outbox.enqueue(new Notice("order-test:code", null, NoticeKind.VERIFICATION_CODE,
                "requester@example.com", "en", codeModel)));

        GreenMail smtp = new GreenMail(new ServerSetup(TestInfrastructure.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(smtp.getSmtp().getPort());
            // two notices a round: the code, though enqueued last, is in the first
            NoticeDispatcher dispatcher = new NoticeDispatcher(jdbc, sender, new NoticeProperties(
                    NoticeProperties.defaults().from(), 3, Duration.ofSeconds(30), 2, Duration.ofMinutes(2)), time,
                    tx.getTransactionManager());
            assertThat(dispatcher.dispatchBatch()).isEqualTo(2);
            assertThat(smtp.getReceivedMessages()).hasSize(2);
            assertThat(smtp.getReceivedMessages()[0].getHeader("X-Rightsflow-Notice")[0])
                    .as("the code a requester waits for goes first").isEqualTo("VERIFICATION_CODE");
            assertThat(smtp.getReceivedMessages()[1].getSubject()).as("then the oldest of the rest")
                    .contains("RR-20261129-0000");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void twoNodesDispatchingAtOnceSendEachNoticeOnce() throws Exception {
        int notices = 120;
        for (int i = 0; i < notices; i++) {
            Notice notice = staffReminder("two-nodes:" + i, "staff" + i + "@example.com", "RR-20261129-%04d".formatted(i));
            tx.execute(s -> outbox.enqueue(notice));
        }
        GreenMail smtp = new GreenMail(new ServerSetup(TestInfrastructure.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(smtp.getSmtp().getPort());
            // small rounds, so that the two nodes' rounds interleave many times over the same due rows
            NoticeProperties properties = new NoticeProperties(NoticeProperties.defaults().from(), 3,
                    Duration.ofSeconds(30), 7, Duration.ofMinutes(2));
            java.util.concurrent.Callable<Integer> node = () -> {
                NoticeDispatcher dispatcher = new NoticeDispatcher(jdbc, sender, properties, time,
                        tx.getTransactionManager());
                int claimed = 0;
                int round;
                while ((round = dispatcher.dispatchBatch()) > 0) {
                    claimed += round;
                }
                return claimed;
            };
            var first = nodes.submit(node);
            var second = nodes.submit(node);
            assertThat(first.get() + second.get()).as("every notice claimed by one node, once").isEqualTo(notices);
            assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
                try {
                    return m.getMessageID();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).toList()).as("each notice arrived once").hasSize(notices).doesNotHaveDuplicates();
            assertThat(new JdbcTemplate(db).queryForObject(
                    "select count(*) from notice_outbox where sent_at is not null and attempts = 1", Integer.class))
                    .isEqualTo(notices);
        } finally {
            nodes.shutdownNow();
            smtp.stop();
        }
    }

    @Test
    void aNoticeAnotherNodeIsClaimingIsLeftToItWithoutWaiting() throws Exception {
        for (int i = 0; i < 3; i++) {
            Notice notice = staffReminder("locked-test:" + i, "staff@example.com", "RR-20261129-%04d".formatted(i));
            tx.execute(s -> outbox.enqueue(notice));
        }
        GreenMail smtp = new GreenMail(new ServerSetup(TestInfrastructure.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // another node's claim in progress: its transaction holds one due row's lock
        try (java.sql.Connection otherNode = db.getConnection()) {
            otherNode.setAutoCommit(false);
            try (var lock = otherNode.prepareStatement(
                    "select id from notice_outbox where dedup_key = 'locked-test:1' for update")) {
                lock.executeQuery().close();
            }
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(smtp.getSmtp().getPort());
            NoticeDispatcher dispatcher = new NoticeDispatcher(jdbc, sender, NoticeProperties.defaults(), time,
                    tx.getTransactionManager());
            assertThat(dispatcher.dispatchBatch()).as("the two rows no one is claiming").isEqualTo(2);
            assertThat(smtp.getReceivedMessages()).hasSize(2);
            otherNode.rollback();
            assertThat(dispatcher.dispatchBatch()).as("the third once the other node let it go").isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).hasSize(3);
        } finally {
            smtp.stop();
        }
    }

    /** A reminder to staff about a request's task, in English. */
    private static Notice staffReminder(String dedupKey, String recipient, String reference) {
        return new Notice(dedupKey, null, NoticeKind.STAFF_TASK_REMINDER, recipient, "en", Map.of("reference", reference,
                "requestType", "ACCESS", "status", "IN_REVIEW", "dueAt", "2026-12-14 23:59",
                "cockpitUrl", "http://localhost/camunda"));
    }

    /** Forwards TCP connections to a port and counts them. */
    private static final class ConnectionCountingProxy implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

        ConnectionCountingProxy(int target) throws java.io.IOException {
            threads.submit(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket client = server.accept();
                        connections.incrementAndGet();
                        java.net.Socket upstream = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), target);
                        threads.submit(() -> pump(client, upstream));
                        threads.submit(() -> pump(upstream, client));
                    } catch (java.io.IOException closed) {
                        return null;
                    }
                }
                return null;
            });
        }

        private static Void pump(java.net.Socket from, java.net.Socket to) {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (java.io.IOException ended) {
                // one side closed: the other is closed by try-with-resources
            }
            return null;
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
            threads.shutdownNow();
        }
    }
}
