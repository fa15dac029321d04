package org.rightsflow.crmworker;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CRM's own data: customers by email, support tickets and call notes. Rightsflow's data map describes both as
 * the CRM's SUPPORT category (datamap/demo/crm.json), one row per ticket or note with the columns id, kind, subject,
 * body and created_at.
 */
@Component
@Profile(CrmWorkerApplication.PROFILE)
public class CrmDatabase {

    private final JdbcTemplate jdbc;

    public CrmDatabase(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.jdbc.setFetchSize(500);
    }

    public Optional<Long> customerOf(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("select id from crm_customer where email = ?", Long.class,
                email.strip().toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    /** Tickets and notes held for the customer, restricted ones included. */
    public long count(long customer) {
        return jdbc.queryForObject("select (select count(*) from support_ticket where customer_id = ?)"
                + " + (select count(*) from call_note where customer_id = ?)", Long.class, customer, customer);
    }

    /**
     * The customer's tickets, then notes, as the data map's SUPPORT rows, one at a time: with
     * {@code includeRestricted} (the subject's own copy) every row, a restricted one with {@code restricted: true};
     * otherwise (a transfer) the unrestricted rows only.
     */
    public void forEachRow(long customer, boolean includeRestricted, Consumer<Map<String, Object>> visitor) {
        String which = includeRestricted ? "" : " and restricted = false";
        jdbc.query("select id, subject, description, opened_at, restricted from support_ticket where customer_id = ?"
                + which + " order by id", rs -> {
                    visitor.accept(flagged(row("T-" + rs.getLong("id"), "TICKET", rs.getString("subject"),
                            rs.getString("description"), rs.getTimestamp("opened_at")), rs.getBoolean("restricted")));
                }, customer);
        jdbc.query("select id, summary, called_at, restricted from call_note where customer_id = ?" + which
                + " order by id", rs -> {
                    visitor.accept(flagged(row("N-" + rs.getLong("id"), "CALL_NOTE", null, rs.getString("summary"),
                            rs.getTimestamp("called_at")), rs.getBoolean("restricted")));
                }, customer);
    }

    /** Rightsflow's worker API marks a restricted row with one more key; an unrestricted row goes as it is. */
    private static Map<String, Object> flagged(Map<String, Object> row, boolean restricted) {
        if (restricted) {
            row.put("restricted", true);
        }
        return row;
    }

    /** Deletes the customer's tickets and notes, then the customer (its email) itself. @return rows erased */
    @Transactional
    public long erase(long customer) {
        long erased = jdbc.update("delete from support_ticket where customer_id = ?", customer)
                + jdbc.update("delete from call_note where customer_id = ?", customer);
        jdbc.update("delete from crm_customer where id = ?", customer);
        return erased;
    }

    /** @return rows whose restriction changed */
    @Transactional
    public long restrict(long customer, boolean restricted) {
        return jdbc.update("update support_ticket set restricted = ? where customer_id = ? and restricted <> ?",
                restricted, customer, restricted)
                + jdbc.update("update call_note set restricted = ? where customer_id = ? and restricted <> ?",
                restricted, customer, restricted);
    }

    /** The demo's customers, once, into an empty CRM. */
    @Transactional
    public void seedDemo(Map<String, Integer> ticketsByEmail) {
        if (jdbc.queryForObject("select count(*) from crm_customer", Long.class) > 0) {
            return;
        }
        Instant now = Instant.now();
        ticketsByEmail.forEach((email, tickets) -> {
            jdbc.update("insert into crm_customer (email, created_at) values (?, ?)", email,
                    Timestamp.from(now.minus(Duration.ofDays(400))));
            long customer = customerOf(email).orElseThrow();
            for (int i = 1; i <= tickets; i++) {
                jdbc.update("insert into support_ticket (customer_id, subject, description, opened_at)"
                                + " values (?, ?, ?, ?)", customer, "发票未收到 / Invoice not received #" + i,
                        "客户反映上月发票未收到。/ The customer did not receive last month's invoice.",
                        Timestamp.from(now.minus(Duration.ofDays(30L * i))));
            }
            jdbc.update("insert into call_note (customer_id, summary, called_at) values (?, ?, ?)", customer,
                    "回电说明发票已重新寄出。/ Called back: the invoice was sent again.",
                    Timestamp.from(now.minus(Duration.ofDays(20))));
        });
    }

    private static Map<String, Object> row(String id, String kind, String subject, String body, Timestamp at) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("kind", kind);
        row.put("subject", subject);
        row.put("body", body);
        row.put("created_at", at == null ? null : at.toInstant().toString());
        return row;
    }
}
