package org.rightsflow.fulfilment.correction;

import static org.rightsflow.common.Sql.ts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.Change;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.ChangeStatus;
import org.rightsflow.request.RightsRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where a correction's changes are kept: what the requester asked ({@code rights_request.details}, read only) and what
 * was found, decided and done per change ({@code correction_change}). Every update names the status it moves from, so
 * a retried step changes nothing twice.
 */
@Repository
class CorrectionChanges {

    private final JdbcClient jdbc;

    CorrectionChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A change as the requester asked it, numbered from 1 in the request's order. */
    record Requested(int changeNo, String field, String value) {
    }

    /** The changes the requester asked for. */
    static List<Requested> requested(RightsRequest request) {
        List<Requested> list = new ArrayList<>();
        int no = 0;
        for (JsonNode change : request.details().path("corrections")) {
            list.add(new Requested(++no, change.path("field").asText(), change.path("value").asText()));
        }
        return list;
    }

    /** The recorded changes of a request, in order (empty before they are registered). */
    List<Change> of(String requestId) {
        return jdbc.sql("select change_no, field, status from correction_change where request_id = :r order by change_no")
                .param("r", requestId)
                .query((rs, n) -> new Change(rs.getInt(1), rs.getString(2), ChangeStatus.valueOf(rs.getString(3))))
                .list();
    }

    void record(String requestId, int changeNo, String field, ChangeStatus status) {
        jdbc.sql("insert into correction_change (request_id, change_no, field, status) values (:r, :n, :f, :s)")
                .param("r", requestId).param("n", changeNo).param("f", field).param("s", status.name()).update();
    }

    /** Undoes the decisions of an earlier review that were not applied; applied changes stay applied. */
    void reopen(String requestId) {
        jdbc.sql("""
                update correction_change set status = 'PENDING', decided_by = null, decided_at = null
                where request_id = :r and status in ('APPROVED', 'REJECTED')""").param("r", requestId).update();
        jdbc.sql("update correction_change set decided_by = null, decided_at = null where request_id = :r")
                .param("r", requestId).update();
    }

    /** The officer's decision on a pending change: approved, or rejected. */
    void decide(String requestId, int changeNo, boolean reject, String officer, Instant at) {
        jdbc.sql("""
                update correction_change set status = :s, decided_by = :by, decided_at = :at
                where request_id = :r and change_no = :n and status = 'PENDING'""")
                .param("s", reject ? ChangeStatus.REJECTED.name() : ChangeStatus.APPROVED.name())
                .param("by", officer).param("at", ts(at)).param("r", requestId).param("n", changeNo)
                .update();
    }

    /** Who decided on a change the checks found (its status stays the finding, the reason the requester is told). */
    void recordDecider(String requestId, int changeNo, String officer, Instant at) {
        jdbc.sql("update correction_change set decided_by = :by, decided_at = :at where request_id = :r and change_no = :n")
                .param("by", officer).param("at", ts(at)).param("r", requestId).param("n", changeNo)
                .update();
    }

    void markApplied(String requestId, int changeNo, boolean supplement, Instant at) {
        jdbc.sql("""
                update correction_change set status = 'APPLIED', applied_at = :at, supplement = :supplement
                where request_id = :r and change_no = :n and status = 'APPROVED'""")
                .param("at", ts(at)).param("supplement", supplement).param("r", requestId)
                .param("n", changeNo).update();
    }

    /** The numbers of the applied changes that added a value the provider did not hold (补充). */
    Set<Integer> supplements(String requestId) {
        return new HashSet<>(jdbc.sql(
                "select change_no from correction_change where request_id = :r and supplement = true")
                .param("r", requestId).query(Integer.class).list());
    }
}
