package org.rightsflow.retention;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sweep's own tables: a row per run and a row per step of a run ({@code proactive_deletion_run},
 * {@code proactive_deletion_step}). The step row is the checkpoint: every batch updates it in the batch's own
 * transaction, under its row lock, so what it says is exactly what was committed.
 */
@Repository
class SweepCheckpoints {

    enum Status { PENDING, RUNNING, DONE, TAKEN_OVER, WITH_OPERATOR, SWEPT_BY_HAND, NOT_SWEPT }

    /** A step row as stored. */
    record Step(String runReference, String key, int stepNo, String systemId, DataCategory category, String purpose,
                SweepStep.Execution execution, Status status, Instant cutoff, String resumedFrom, String takenOverBy,
                long rowsErased, int batches, Long afterSubject) {
    }

    /** An unfinished step of an earlier run, taken over by a new one. */
    record TakenOver(String runReference, Long afterSubject) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;

    SweepCheckpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new run and returns its reference, {@code PD-<day in Asia/Shanghai>-<number of the day>}. */
    String newRun(Instant startedAt) {
        String prefix = "PD-" + DAY.format(LocalDate.ofInstant(startedAt, DataMap.ZONE)) + "-";
        Integer last = jdbc.sql("select max(reference) from proactive_deletion_run where reference like :prefix")
                .param("prefix", prefix + "%").query((rs, n) -> {
                    String reference = rs.getString(1);
                    return reference == null ? 0 : Integer.parseInt(reference.substring(prefix.length()));
                }).single();
        // two runs starting in the same instant collide on the primary key: the job fails and its retry numbers anew
        String reference = prefix + "%04d".formatted(last + 1);
        jdbc.sql("insert into proactive_deletion_run (reference, started_at, cutoff_at) values (:ref, :at, :at)")
                .param("ref", reference).param("at", ts(startedAt)).update();
        return reference;
    }

    Instant cutoff(String runReference) {
        return jdbc.sql("select cutoff_at from proactive_deletion_run where reference = :ref")
                .param("ref", runReference).query((rs, n) -> instant(rs, "cutoff_at")).single();
    }

    /**
     * Marks every unfinished automatic step of earlier runs as taken over by {@code runReference}, waiting for a batch
     * of theirs that may be committing right now (row locks), and returns them by step key (the latest run's when
     * several runs left the same step unfinished).
     */
    Map<String, TakenOver> takeOverUnfinished(String runReference, Instant at) {
        Map<String, TakenOver> unfinished = new LinkedHashMap<>();
        jdbc.sql("""
                select run_reference, step_key, after_subject from proactive_deletion_step
                where status in ('PENDING', 'RUNNING') and run_reference <> :ref
                order by run_reference for update""")
                .param("ref", runReference)
                .query(rs -> {
                    long after = rs.getLong("after_subject");
                    unfinished.put(rs.getString("step_key"), new TakenOver(rs.getString("run_reference"),
                            rs.wasNull() ? null : after));
                });
        jdbc.sql("""
                update proactive_deletion_step set status = 'TAKEN_OVER', taken_over_by = :ref, updated_at = :at
                where status in ('PENDING', 'RUNNING') and run_reference <> :ref""")
                .param("ref", runReference).param("at", ts(at)).update();
        return unfinished;
    }

    void insertStep(String runReference, SweepStep step, int stepNo, Instant cutoff, TakenOver resumed,
                    Instant at) {
        jdbc.sql("""
                insert into proactive_deletion_step (run_reference, step_key, step_no, system_id, category, purpose,
                    execution, status, cutoff_at, resumed_from, after_subject, updated_at)
                values (:ref, :key, :no, :system, :category, :purpose, :execution, :status, :cutoff, :resumed,
                    :after, :at)""")
                .param("ref", runReference).param("key", step.key()).param("no", stepNo)
                .param("system", step.systemId()).param("category", step.category().name())
                .param("purpose", step.purpose()).param("execution", step.execution().name())
                .param("status", (step.execution() == SweepStep.Execution.BY_HAND ? Status.WITH_OPERATOR
                        : Status.PENDING).name())
                .param("cutoff", ts(cutoff)).param("resumed", resumed == null ? null : resumed.runReference())
                .param("after", resumed == null ? null : resumed.afterSubject()).param("at", ts(at))
                .update();
    }

    /** The step, locked until the caller's transaction ends (a batch, a take-over and a hand sweep serialise). */
    Step lock(String runReference, String stepKey) {
        return find(runReference, stepKey, true).orElseThrow(() -> new IllegalStateException(
                "run " + runReference + " has no step " + stepKey));
    }

    Optional<Step> find(String runReference, String stepKey, boolean forUpdate) {
        return jdbc.sql("select * from proactive_deletion_step where run_reference = :ref and step_key = :key"
                        + (forUpdate ? " for update" : ""))
                .param("ref", runReference).param("key", stepKey).query(SweepCheckpoints::step).optional();
    }

    List<Step> steps(String runReference) {
        return jdbc.sql("select * from proactive_deletion_step where run_reference = :ref order by step_no")
                .param("ref", runReference).query(SweepCheckpoints::step).list();
    }

    /** Adds one committed batch to the step. */
    void recordBatch(String runReference, String stepKey, long rows, Long afterSubject, Status status, Instant at) {
        jdbc.sql("""
                update proactive_deletion_step set rows_erased = rows_erased + :rows, batches = batches + 1,
                    after_subject = :after, status = :status, updated_at = :at
                where run_reference = :ref and step_key = :key""")
                .param("rows", rows).param("after", afterSubject).param("status", status.name()).param("at", ts(at))
                .param("ref", runReference).param("key", stepKey).update();
    }

    void recordByHand(String runReference, String stepKey, Status status, long rows, String note, String doneBy,
                      Instant at) {
        jdbc.sql("""
                update proactive_deletion_step set status = :status, rows_erased = :rows, note = :note,
                    done_by = :by, updated_at = :at
                where run_reference = :ref and step_key = :key""")
                .param("status", status.name()).param("rows", rows).param("note", note).param("by", doneBy)
                .param("at", ts(at)).param("ref", runReference).param("key", stepKey).update();
    }

    /** @return false when the run was completed already */
    boolean completeRun(String runReference, Instant at) {
        return jdbc.sql("update proactive_deletion_run set completed_at = :at where reference = :ref"
                        + " and completed_at is null")
                .param("at", ts(at)).param("ref", runReference).update() == 1;
    }

    private static Step step(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long after = rs.getLong("after_subject");
        Long afterSubject = rs.wasNull() ? null : after;
        return new Step(rs.getString("run_reference"), rs.getString("step_key"), rs.getInt("step_no"),
                rs.getString("system_id"), DataCategory.valueOf(rs.getString("category")), rs.getString("purpose"),
                SweepStep.Execution.valueOf(rs.getString("execution")), Status.valueOf(rs.getString("status")),
                instant(rs, "cutoff_at"), rs.getString("resumed_from"), rs.getString("taken_over_by"),
                rs.getLong("rows_erased"), rs.getInt("batches"), afterSubject);
    }
}
