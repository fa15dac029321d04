package org.rightsflow.operations.register;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.operations.ReportingRules.DaysLeft;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request register: every request, open or closed, searched and paged in the database (indexes on receipt and
 * on status and due date). Counts follow {@link ReportingRules}, like the dashboard and the metrics.
 */
@Service
public class RequestRegister {

    private static final String COLUMNS = "reference, request_type, status, received_at, due_at, closed_at, due_date_provisional";

    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final TimeSource time;

    public RequestRegister(JdbcClient jdbc, AccountDirectory accounts, TimeSource time) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.time = time;
    }

    @Transactional(readOnly = true)
    public RegisterPage search(RegisterFilter filter) {
        Instant now = time.now();
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, now, params);
        long total = count(where, params);
        String order = filter.sort() == RegisterFilter.Sort.DUE ? "due_at asc, reference asc" : "received_at desc, reference desc";
        var query = jdbc.sql("select " + COLUMNS + " from rights_request" + where + " order by " + order
                + " limit :limit offset :offset");
        for (Map.Entry<String, Object> param : params.entrySet()) {
            query = query.param(param.getKey(), param.getValue());
        }
        List<RegisterRow> rows = query.param("limit", filter.size())
                .param("offset", (long) (filter.page() - 1) * filter.size())
                .query((rs, n) -> row(rs, now)).list();
        return new RegisterPage(filter, total, rows);
    }

    /** How many requests the search finds (every page together). */
    @Transactional(readOnly = true)
    public long count(RegisterFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        return count(where(filter, time.now(), params), params);
    }

    private long count(String where, Map<String, Object> params) {
        var query = jdbc.sql("select count(*) from rights_request" + where);
        for (Map.Entry<String, Object> param : params.entrySet()) {
            query = query.param(param.getKey(), param.getValue());
        }
        return query.query(Long.class).single();
    }

    private String where(RegisterFilter filter, Instant now, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.reference() != null) {
            conditions.add("reference like :reference");
            params.put("reference", filter.reference().replace("_", "\\_").replace("%", "\\%") + "%");
        }
        if (!filter.types().isEmpty()) {
            conditions.add("request_type in (" + names(filter.types()) + ")");
        }
        if (!filter.statuses().isEmpty()) {
            conditions.add("status in (" + names(filter.statuses()) + ")");
        }
        between(conditions, params, "due_at", "due", filter.dueFrom(), filter.dueTo());
        between(conditions, params, "received_at", "received", filter.receivedFrom(), filter.receivedTo());
        if (filter.standing() != null) {
            conditions.add("status in (" + ReportingRules.sqlList(ReportingRules.OPEN) + ")");
            params.put("now", ts(now));
            switch (filter.standing()) {
                case OVERDUE -> conditions.add("due_at < :now");
                case DUE_SOON -> {
                    conditions.add("due_at >= :now and due_at < :soon");
                    params.put("soon", ts(now.plus(ReportingRules.DUE_SOON)));
                }
                case ON_TIME -> {
                    conditions.add("due_at >= :soon");
                    params.put("soon", ts(now.plus(ReportingRules.DUE_SOON)));
                }
            }
        }
        if (filter.overdue() != null) {
            String overdue = "status in (" + ReportingRules.sqlList(ReportingRules.OPEN) + ") and due_at < :now";
            conditions.add(filter.overdue() ? overdue : "not (" + overdue + ")");
            params.put("now", ts(now));
        }
        if (filter.provisional() != null) {
            conditions.add("due_date_provisional = :provisional");
            params.put("provisional", filter.provisional());
        }
        if (filter.accountEmail() != null) {
            // the account on file (its requests whatever was typed) and the email as typed (unknown accounts too)
            Long accountId = accounts.findByEmail(filter.accountEmail()).map(AccountFacts::id).orElse(null);
            conditions.add(accountId == null ? "lower(account_email) = :email"
                    : "(account_id = :accountId or lower(account_email) = :email)");
            params.put("email", AccountDirectory.normalise(filter.accountEmail()));
            if (accountId != null) {
                params.put("accountId", accountId);
            }
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void between(List<String> conditions, Map<String, Object> params, String column, String name,
                                LocalDate from, LocalDate to) {
        if (from != null) {
            conditions.add(column + " >= :" + name + "From");
            params.put(name + "From", ts(from.atStartOfDay(ReportingRules.ZONE).toInstant()));
        }
        if (to != null) {
            conditions.add(column + " < :" + name + "To");
            params.put(name + "To", ts(to.plusDays(1).atStartOfDay(ReportingRules.ZONE).toInstant()));
        }
    }

    /** Enum names for an {@code in (...)} list: constants, never input. */
    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().map(v -> "'" + v.name() + "'").sorted().collect(Collectors.joining(", "));
    }

    static RegisterRow row(ResultSet rs, Instant now) throws SQLException {
        RequestStatus status = RequestStatus.valueOf(rs.getString("status"));
        Instant due = instant(rs, "due_at");
        DaysLeft standing = null;
        Long daysLeft = null;
        if (!status.isTerminal()) {
            standing = standing(due, now);
            daysLeft = Math.floorDiv(Duration.between(now, due).toMillis(), Duration.ofDays(1).toMillis());
        }
        return new RegisterRow(rs.getString("reference"), RequestType.valueOf(rs.getString("request_type")), status,
                instant(rs, "received_at"), due, rs.getBoolean("due_date_provisional"), instant(rs, "closed_at"), standing,
                daysLeft);
    }

    /** Where an open request with this due date stands now ({@link ReportingRules}). */
    public static DaysLeft standing(Instant due, Instant now) {
        if (due.isBefore(now)) {
            return DaysLeft.OVERDUE;
        }
        return due.isBefore(now.plus(ReportingRules.DUE_SOON)) ? DaysLeft.DUE_SOON : DaysLeft.ON_TIME;
    }
}
