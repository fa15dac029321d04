package org.rightsflow.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readable references such as {@code RR-20261129-0007}: the receipt day in Asia/Shanghai and a per-day counter.
 * The counter row is incremented under its row lock, so concurrent intakes never share a number.
 */
@Component
public class ReferenceGenerator {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;
    private final TransactionTemplate separateTransaction;

    public ReferenceGenerator(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separateTransaction = new TransactionTemplate(transactions);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public String next(Instant receivedAt) {
        LocalDate day = receivedAt.atZone(SHANGHAI).toLocalDate();
        if (increment(day) == 0) {
            createCounter(day);
            increment(day);
        }
        int value = jdbc.sql("select last_value from reference_counter where counter_day = :day")
                .param("day", day).query(Integer.class).single();
        return "RR-%s-%04d".formatted(DAY.format(day), value);
    }

    private int increment(LocalDate day) {
        return jdbc.sql("update reference_counter set last_value = last_value + 1 where counter_day = :day")
                .param("day", day).update();
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
