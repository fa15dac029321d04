package org.rightsflow.operations.dashboard;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rightsflow.common.TimeSource;
import org.rightsflow.operations.AnswerFigures;
import org.rightsflow.operations.RefusalGrounds;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.operations.RequestCounts;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.rightsflow.review.RefusalGround;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy team's morning view: open requests by status and by days left (on time, due soon, overdue) per right,
 * the on-time rate and median days to answer per month of receipt and right (the last twelve months), and refusals
 * by ground. The same definitions as the register, the report and the metrics ({@link ReportingRules}).
 */
@Service
public class Dashboard {

    public static final int MONTHS = 12;

    private final RequestCounts counts;
    private final RefusalGrounds grounds;
    private final JdbcClient jdbc;
    private final TimeSource time;

    public Dashboard(RequestCounts counts, RefusalGrounds grounds, JdbcClient jdbc, TimeSource time) {
        this.counts = counts;
        this.grounds = grounds;
        this.jdbc = jdbc;
        this.time = time;
    }

    /** Open requests of one right by where they stand against their due dates. */
    public record DaysLeft(long onTime, long dueSoon, long overdue) {
        public long open() {
            return onTime + dueSoon + overdue;
        }
    }

    /** One month of receipt: per right (and {@code ALL}), the answered requests' figures. */
    public record Month(YearMonth month, Map<String, Performance> byType) {
    }

    /** @param onTimeRate 0..1, null when nothing was answered; @param medianDays null likewise */
    public record Performance(long received, long answered, long onTime, Double onTimeRate, Double medianDays) {
    }

    public record Figures(Instant at, Map<RequestStatus, Long> openByStatus, Map<RequestType, DaysLeft> daysLeftByType,
                          DaysLeft daysLeft, List<Month> months, Map<RefusalGround, Long> refusalsByGround) {
    }

    @Transactional(readOnly = true)
    public Figures figures() {
        Instant now = time.now();
        RequestCounts.Snapshot snapshot = counts.at(now);
        Map<RequestStatus, Long> openByStatus = new LinkedHashMap<>();
        for (RequestStatus status : ReportingRules.inOrder(ReportingRules.OPEN)) {
            openByStatus.put(status, snapshot.byStatus(status));
        }
        Map<RequestType, DaysLeft> byType = new EnumMap<>(RequestType.class);
        for (RequestType type : RequestType.values()) {
            long open = 0;
            long overdue = 0;
            long dueSoon = 0;
            for (RequestStatus status : ReportingRules.OPEN) {
                RequestCounts.Cell cell = snapshot.cell(type, status);
                open += cell.requests();
                overdue += cell.overdue();
                dueSoon += cell.dueSoon();
            }
            byType.put(type, new DaysLeft(open - overdue - dueSoon, dueSoon, overdue));
        }
        DaysLeft all = new DaysLeft(snapshot.onTime(), snapshot.dueSoon(), snapshot.overdue());
        return new Figures(now, openByStatus, byType, all, months(now), grounds.countAll());
    }

    /** The last {@link #MONTHS} months of receipt, the current one included, oldest first. */
    List<Month> months(Instant now) {
        YearMonth last = YearMonth.from(now.atZone(ReportingRules.ZONE));
        YearMonth first = last.minusMonths(MONTHS - 1);
        Map<YearMonth, Map<String, long[]>> received = new LinkedHashMap<>();
        Map<YearMonth, Map<String, AnswerFigures>> answered = new LinkedHashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            received.put(m, new LinkedHashMap<>());
            answered.put(m, new LinkedHashMap<>());
        }
        jdbc.sql("""
                select request_type, status, received_at, due_at, closed_at from rights_request
                where received_at >= :from""")
                .param("from", ts(first.atDay(1).atStartOfDay(ReportingRules.ZONE).toInstant()))
                .query(rs -> {
                    Instant receivedAt = instant(rs, "received_at");
                    YearMonth month = YearMonth.from(receivedAt.atZone(ReportingRules.ZONE));
                    if (!received.containsKey(month)) {
                        return;
                    }
                    String type = rs.getString("request_type");
                    for (String key : new String[] {type, "ALL"}) {
                        received.get(month).computeIfAbsent(key, k -> new long[1])[0]++;
                    }
                    RequestStatus status = RequestStatus.valueOf(rs.getString("status"));
                    Instant closedAt = instant(rs, "closed_at");
                    if (ReportingRules.ANSWERED.contains(status) && closedAt != null) {
                        double days = AnswerFigures.days(receivedAt, closedAt);
                        boolean onTime = !closedAt.isAfter(instant(rs, "due_at"));
                        for (String key : new String[] {type, "ALL"}) {
                            answered.get(month).computeIfAbsent(key, k -> new AnswerFigures()).add(days, onTime);
                        }
                    }
                });
        List<Month> months = new ArrayList<>();
        for (YearMonth month : received.keySet()) {
            Map<String, Performance> byType = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>();
            for (RequestType type : RequestType.values()) {
                keys.add(type.name());
            }
            keys.add("ALL");
            for (String key : keys) {
                long[] in = received.get(month).get(key);
                AnswerFigures figures = answered.get(month).getOrDefault(key, new AnswerFigures());
                byType.put(key, new Performance(in == null ? 0 : in[0], figures.answered(), figures.onTime(),
                        figures.answered() == 0 ? null : figures.onTimeRate(),
                        figures.answered() == 0 ? null : figures.medianDays()));
            }
            months.add(new Month(month, byType));
        }
        return months;
    }
}
