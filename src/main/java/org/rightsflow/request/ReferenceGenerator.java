package org.rightsflow.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.rightsflow.common.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readable references such as {@code RR-20261129-0007}: the receipt day in Asia/Shanghai and a per-day counter.
 * The counter row is incremented under its row lock, so concurrent intakes never share a number. Each number is
 * taken in a short transaction of its own, before the filing's: the row lock lasts one update, not a whole filing
 * (the filing transaction starts a process with full history), so simultaneous filings do not queue behind one
 * another (BENCHMARKS.md figure 1). On PostgreSQL that transaction is one statement in autocommit
 * ({@code update ... returning}): the row lock is released inside the database, never held across a round trip to
 * the application (a busy machine made filings queue there for 30 ms each). A filing that then fails leaves its
 * number unused: references are unique and increasing within a day, not gapless.
 */
@Component
public class ReferenceGenerator {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final TransactionTemplate separateTransaction;
    private final TransactionTemplate callersTransaction;
    private final boolean postgres;

    public ReferenceGenerator(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.postgres = Sql.isPostgres(template);
        this.separateTransaction = new TransactionTemplate(transactions);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.callersTransaction = new TransactionTemplate(transactions);
    }

    /**
     * Called outside a transaction (the requester API), the number commits at once (see the class comment). Called
     * inside one (a staff filing from a Tasklist start form, run by the engine), it joins it: taking a second
     * connection while holding one could exhaust the pool, and staff filings are few.
     */
    public String next(Instant receivedAt) {
        LocalDate day = receivedAt.atZone(SHANGHAI).toLocalDate();
        if (postgres) {
            // outside a transaction the statement commits on its own; inside one (a staff filing) it joins it
            Integer value = incrementReturning(day);
            if (value == null) {
                createCounter(day);
                value = incrementReturning(day);
            }
            return "RR-%s-%04d".formatted(DAY.format(day), value);
        }
        TransactionTemplate transaction = TransactionSynchronizationManager.isActualTransactionActive()
                ? callersTransaction : separateTransaction;
        Integer value = transaction.execute(status -> increment(day));
        if (value == null) {
            createCounter(day);
            value = transaction.execute(status -> increment(day));
        }
        return "RR-%s-%04d".formatted(DAY.format(day), value);
    }

    /** PostgreSQL: the new value in one statement, or null when the day has no counter yet. */
    private Integer incrementReturning(LocalDate day) {
        return jdbc.sql("update reference_counter set last_value = last_value + 1 where counter_day = :day returning last_value")
                .param("day", day).query(Integer.class).optional().orElse(null);
    }

    /** @return the new value, or null when the day has no counter yet */
    private Integer increment(LocalDate day) {
        // update, then read under the row lock the update took (H2 has no UPDATE ... RETURNING)
        if (jdbc.sql("update reference_counter set last_value = last_value + 1 where counter_day = :day")
                .param("day", day).update() == 0) {
            return null;
        }
        return jdbc.sql("select last_value from reference_counter where counter_day = :day")
                .param("day", day).query(Integer.class).single();
    }

    /**
     * Creates the day's counter in a transaction of its own: when a concurrent intake creates it first, the
     * primary key rejects ours without aborting the caller's transaction (PostgreSQL aborts on any error).
     */
    private void createCounter(LocalDate day) {
        try {
            separateTransaction.executeWithoutResult(status -> jdbc.sql(
                            "insert into reference_counter (counter_day, last_value) select :day, 0 where not exists "
                                    + "(select 1 from reference_counter where counter_day = :day)")
                    .param("day", day).update());
        } catch (DuplicateKeyException createdConcurrently) {
            // the other intake's row serves us as well
        }
    }
}
