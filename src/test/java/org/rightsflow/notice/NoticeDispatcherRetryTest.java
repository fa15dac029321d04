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
 * attempts a notice is marked failed instead of being retried for ever.
 */
class NoticeDispatcherRetryTest {

    @Test
    void retriesWithBackOffUntilTheServerAnswersAndSendsOnce() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        JdbcClient jdbc = JdbcClient.create(db);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        TimeSource time = new TimeSource();
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        time.useClock(Clock.fixed(start, ZoneOffset.UTC));
        Outbox outbox = new Outbox(jdbc, new NoticeTemplates(), time);
        Notice notice = new Notice("retry-test:1", null, NoticeKind.STAFF_TASK_REMINDER, "staff@example.com", "en",
                Map.of("reference", "RR-20261129-0001", "requestType", "ACCESS", "status", "IN_REVIEW",
                        "dueAt", "2026-12-14 23:59", "cockpitUrl", "http://localhost/camunda"));
        Boolean stored = tx.execute(s -> outbox.enqueue(notice));
        Boolean storedAgain = tx.execute(s -> outbox.enqueue(notice));
        assertThat(stored).isTrue();
        assertThat(storedAgain).as("the same dedup key stores nothing more").isFalse();

        int port = TestInfrastructure.freePort();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        NoticeProperties properties = new NoticeProperties(null, 3, Duration.ofSeconds(30), 20, Duration.ofMinutes(2));
        NoticeDispatcher dispatcher = new NoticeDispatcher(jdbc, sender, properties, time);

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

        Notice doomed = new Notice("retry-test:2", null, NoticeKind.STAFF_TASK_REMINDER, "staff@example.com", "en",
                notice.model());
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
}
