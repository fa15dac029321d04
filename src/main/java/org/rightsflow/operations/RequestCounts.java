package org.rightsflow.operations;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How many requests stand where now, by right and status, counted in the database (so every node reports the same):
 * all of them, and of the open ones those overdue and due soon ({@link ReportingRules}). One grouped scan.
 */
@Repository
public class RequestCounts {

    private final JdbcClient jdbc;

    public RequestCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts of one right and status. */
    public record Cell(long requests, long overdue, long dueSoon) {
        static final Cell NONE = new Cell(0, 0, 0);
    }

    /** Every right and status, zeros included, at one moment. */
    public record Snapshot(Instant at, Map<RequestType, Map<RequestStatus, Cell>> cells) {

        public Cell cell(RequestType type, RequestStatus status) {
            return cells.getOrDefault(type, Map.of()).getOrDefault(status, Cell.NONE);
        }

        public long requests(RequestType type) {
            return cells.getOrDefault(type, Map.of()).values().stream().mapToLong(Cell::requests).sum();
        }

        public long byStatus(RequestStatus status) {
            return cells.values().stream().mapToLong(m -> m.getOrDefault(status, Cell.NONE).requests()).sum();
        }

        public long open() {
            return cells.values().stream().flatMap(m -> m.entrySet().stream())
                    .filter(e -> !e.getKey().isTerminal()).mapToLong(e -> e.getValue().requests()).sum();
        }

        public long overdue() {
            return cells.values().stream().flatMap(m -> m.values().stream()).mapToLong(Cell::overdue).sum();
        }

        public long dueSoon() {
            return cells.values().stream().flatMap(m -> m.values().stream()).mapToLong(Cell::dueSoon).sum();
        }

        public long onTime() {
            return open() - overdue() - dueSoon();
        }
    }

    public Snapshot at(Instant now) {
        Map<RequestType, Map<RequestStatus, Cell>> cells = new EnumMap<>(RequestType.class);
        for (RequestType type : RequestType.values()) {
            Map<RequestStatus, Cell> row = new EnumMap<>(RequestStatus.class);
            for (RequestStatus status : RequestStatus.values()) {
                row.put(status, Cell.NONE);
            }
            cells.put(type, row);
        }
        String open = ReportingRules.sqlList(ReportingRules.OPEN);
        jdbc.sql("""
                select request_type, status, count(*) as requests,
                  sum(case when status in (%1$s) and due_at < :now then 1 else 0 end) as overdue,
                  sum(case when status in (%1$s) and due_at >= :now and due_at < :soon then 1 else 0 end) as due_soon
                from rights_request group by request_type, status""".formatted(open))
                .param("now", ts(now)).param("soon", ts(now.plus(ReportingRules.DUE_SOON)))
                .query(rs -> {
                    RequestType type = RequestType.fromCode(rs.getString("request_type")).orElse(null);
                    if (type == null) {
                        return; // a type this version does not know: nothing to count it as
                    }
                    cells.get(type).put(RequestStatus.valueOf(rs.getString("status")),
                            new Cell(rs.getLong("requests"), rs.getLong("overdue"), rs.getLong("due_soon")));
                });
        return new Snapshot(now, cells);
    }
}
