package org.rightsflow.operations.statistics;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rightsflow.common.CsvWriter;
import org.rightsflow.operations.AnswerFigures;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.rightsflow.review.RefusalGround;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The statistics report for a period (the yearly report on handling rights requests the Network Data Security
 * Regulations Art. 44 ask of large platforms; the same counts California asks for): per right, the requests received
 * in the period and what became of them — completed in whole, in part, refused (and on which grounds, a partial
 * refusal counting for each of its grounds), withdrawn, closed unverified, still open — with how many of the answered
 * ones were answered on time and the median and mean days to answer ({@link ReportingRules}).
 */
@Service
public class StatisticsReport {

    public static final String ALL = "ALL";

    private final JdbcClient jdbc;

    public StatisticsReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One right's line (or {@link #ALL}). Days are null when nothing was answered. */
    public record Line(String type, long received, long completed, long partiallyCompleted, long refused,
                       Map<RefusalGround, Long> refusedByGround, long withdrawn, long closedUnverified, long open,
                       long answered, long answeredOnTime, Double medianDays, Double meanDays) {
    }

    public record Report(Period period, Instant generatedAt, List<Line> lines) {

        public Line total() {
            return lines.get(lines.size() - 1);
        }

        public Line line(String type) {
            return lines.stream().filter(l -> l.type().equals(type)).findFirst().orElseThrow();
        }
    }

    private static final class Tally {
        final Map<RequestStatus, Long> byStatus = new EnumMap<>(RequestStatus.class);
        final Map<RefusalGround, Long> grounds = new EnumMap<>(RefusalGround.class);
        final AnswerFigures answers = new AnswerFigures();
        long received;

        Line line(String type) {
            long open = byStatus.entrySet().stream().filter(e -> !e.getKey().isTerminal()).mapToLong(Map.Entry::getValue).sum();
            Map<RefusalGround, Long> byGround = new EnumMap<>(RefusalGround.class);
            for (RefusalGround ground : RefusalGround.values()) {
                byGround.put(ground, grounds.getOrDefault(ground, 0L));
            }
            return new Line(type, received, get(RequestStatus.COMPLETED), get(RequestStatus.PARTIALLY_COMPLETED),
                    get(RequestStatus.REFUSED), byGround, get(RequestStatus.WITHDRAWN),
                    get(RequestStatus.CLOSED_UNVERIFIED), open, answers.answered(), answers.onTime(),
                    answers.answered() == 0 ? null : answers.medianDays(),
                    answers.answered() == 0 ? null : answers.meanDays());
        }

        long get(RequestStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    @Transactional(readOnly = true)
    public Report of(Period period, Instant now) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (RequestType type : RequestType.values()) {
            tallies.put(type.name(), new Tally());
        }
        tallies.put(ALL, new Tally());
        jdbc.sql("""
                select request_type, status, received_at, due_at, closed_at from rights_request
                where received_at >= :start and received_at < :end""")
                .param("start", ts(period.start())).param("end", ts(period.end()))
                .query(rs -> {
                    String type = rs.getString("request_type");
                    if (!tallies.containsKey(type)) {
                        return;
                    }
                    RequestStatus status = RequestStatus.valueOf(rs.getString("status"));
                    Instant closedAt = instant(rs, "closed_at");
                    for (Tally tally : new Tally[] {tallies.get(type), tallies.get(ALL)}) {
                        tally.received++;
                        tally.byStatus.merge(status, 1L, Long::sum);
                        if (ReportingRules.ANSWERED.contains(status) && closedAt != null) {
                            Instant receivedAt = instant(rs, "received_at");
                            tally.answers.add(AnswerFigures.days(receivedAt, closedAt), !closedAt.isAfter(instant(rs, "due_at")));
                        }
                    }
                });
        jdbc.sql("""
                select r.request_type, g.ground, count(*) from request_ground g join rights_request r on r.id = g.request_id
                where r.received_at >= :start and r.received_at < :end group by r.request_type, g.ground""")
                .param("start", ts(period.start())).param("end", ts(period.end()))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}).list()
                .forEach(row -> RefusalGround.fromCode((String) row[1]).ifPresent(ground -> {
                    Tally tally = tallies.get((String) row[0]);
                    if (tally != null) {
                        tally.grounds.merge(ground, (Long) row[2], Long::sum);
                        tallies.get(ALL).grounds.merge(ground, (Long) row[2], Long::sum);
                    }
                }));
        List<Line> lines = new ArrayList<>();
        tallies.forEach((type, tally) -> lines.add(tally.line(type)));
        return new Report(period, now, lines);
    }

    /**
     * The report as CSV (UTF-8, comma-separated, one line per right and a total line; days to one decimal), through
     * the application's one {@link CsvWriter}.
     */
    public static void csv(Report report, Writer out) {
        List<String> header = new ArrayList<>(List.of("period_from", "period_to", "right", "received", "completed",
                "partially_completed", "refused"));
        for (RefusalGround ground : RefusalGround.values()) {
            header.add("refused_on_" + ground.name());
        }
        header.addAll(List.of("withdrawn", "closed_unverified", "open", "answered", "answered_on_time",
                "median_days_to_answer", "mean_days_to_answer"));
        CsvWriter.writeLine(out, header);
        for (Line line : report.lines()) {
            List<String> cells = new ArrayList<>(List.of(report.period().from().toString(),
                    report.period().to().toString(), line.type(), n(line.received()), n(line.completed()),
                    n(line.partiallyCompleted()), n(line.refused())));
            for (RefusalGround ground : RefusalGround.values()) {
                cells.add(n(line.refusedByGround().get(ground)));
            }
            cells.addAll(List.of(n(line.withdrawn()), n(line.closedUnverified()), n(line.open()), n(line.answered()),
                    n(line.answeredOnTime()), days(line.medianDays()), days(line.meanDays())));
            CsvWriter.writeLine(out, cells);
        }
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    private static String days(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
