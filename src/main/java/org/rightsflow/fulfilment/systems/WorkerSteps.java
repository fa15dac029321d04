package org.rightsflow.fulfilment.systems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.WorkerSettings;
import org.rightsflow.request.RequestRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps an {@code external-task} system's worker carries out (docs/data-map.md, connectors). The external task
 * carries only the operation, the request reference and an opaque subject handle issued here: random, request-scoped
 * (bound to its step), expiring with the system's time limit, kept only as a hash. Through the worker API the worker
 * exchanges the handle for the subject's identifiers, uploads rows ({@link WorkerUploads}) and reports what it did;
 * when its task completes, the step is recorded done with that report and its uploads are committed in one
 * transaction, so that a worker killed on the way leaves nothing half-recorded and its retry starts clean.
 */
@Service
public class WorkerSteps {

    /** A handle outlives the time limit by this much, for a worker finishing at the last moment. */
    static final Duration HANDLE_GRACE = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final SystemSteps steps;
    private final WorkerUploads uploads;
    private final RequestRepository requests;
    private final AccountDirectory accounts;
    private final AuditTrail audit;
    private final TimeSource time;

    public WorkerSteps(JdbcTemplate jdbc, SystemSteps steps, WorkerUploads uploads, RequestRepository requests,
                       AccountDirectory accounts, AuditTrail audit, TimeSource time) {
        this.jdbc = jdbc;
        this.steps = steps;
        this.uploads = uploads;
        this.requests = requests;
        this.accounts = accounts;
        this.audit = audit;
        this.time = time;
    }

    /**
     * A fresh subject handle for the step (a retried issue replaces the one before, which no worker saw).
     *
     * @return the handle, for the external task's variable; only its hash is stored
     */
    @Transactional
    public String issueHandle(String stepId) {
        SystemStep step = steps.step(stepId);
        Duration limit = steps.routing(stepId).timeLimit();
        String handle = Hashing.randomToken(32);
        jdbc.update("delete from worker_subject_handle where step_id = ?", stepId);
        jdbc.update("insert into worker_subject_handle (handle_sha256, step_id, system_id, expires_at, created_at)"
                        + " values (?, ?, ?, ?, ?)", Hashing.sha256Hex(handle), stepId, step.systemId(),
                Sql.ts(time.now().plus(limit == null ? WorkerSettings.DEFAULT_TIME_LIMIT : limit).plus(HANDLE_GRACE)),
                Sql.ts(time.now()));
        return handle;
    }

    /** The step's operation, for the worker (COUNT, EXPORT, ERASE, ...). */
    public String operation(String stepId) {
        return steps.step(stepId).operation().name();
    }

    /**
     * The step a worker of {@code systemId} works on, open for it.
     *
     * @throws WorkerInputException OTHER_SYSTEM, NOT_OPEN
     */
    public SystemStep openStep(String systemId, String stepId) {
        SystemStep step = steps.step(stepId);
        if (!step.systemId().equals(systemId)) {
            throw new WorkerInputException(WorkerInputException.Kind.OTHER_SYSTEM, "TASK_OF_ANOTHER_SYSTEM",
                    "The task belongs to another system");
        }
        if (step.done() || step.handedOver()) {
            throw new WorkerInputException(WorkerInputException.Kind.NOT_OPEN, "STEP_CLOSED",
                    "The step is " + (step.done() ? "done" : "with a data operator") + " already");
        }
        return step;
    }

    /**
     * Whether the step's upload takes the subject's restricted rows, flagged: the subject's own COPY shows them (a
     * restriction limits processing, not what the subject may see); a TRANSFER's recipient gets none of them. Only
     * for an EXPORT step; null for any other.
     */
    public Boolean restrictedRowsWanted(SystemStep step) {
        if (step.operation() != StepOperation.EXPORT) {
            return null;
        }
        return requests.findById(step.requestId()).map(r -> r.type() == org.rightsflow.request.RequestType.COPY)
                .orElse(false);
    }

    /**
     * The subject's identifiers, for the handle of the worker's step (audited, without the identifiers).
     *
     * @throws WorkerInputException NOT_OPEN when the handle is not the step's or has expired
     */
    @Transactional
    public SubjectIdentifiers exchange(String systemId, String stepId, String handle, String worker) {
        SystemStep step = openStep(systemId, stepId);
        Integer valid = handle == null ? Integer.valueOf(0) : jdbc.queryForObject(
                "select count(*) from worker_subject_handle where handle_sha256 = ? and step_id = ?"
                        + " and expires_at > ?", Integer.class, Hashing.sha256Hex(handle), stepId, Sql.ts(time.now()));
        if (valid == null || valid == 0) {
            throw new WorkerInputException(WorkerInputException.Kind.NOT_OPEN, "HANDLE_NOT_VALID",
                    "The subject handle is not this task's, or it has expired");
        }
        long accountId = requests.findById(step.requestId()).flatMap(r -> r.account()).orElseThrow(
                () -> new IllegalStateException("Request " + step.reference() + " has no account"));
        AccountFacts account = accounts.findById(accountId).orElseThrow(
                () -> new IllegalStateException("Account of request " + step.reference() + " is gone"));
        audit.record(step.reference(), "worker:" + systemId, "SUBJECT_HANDLE_EXCHANGED",
                "{\"system\":\"" + systemId + "\",\"operation\":\"" + step.operation() + "\",\"worker\":\""
                        + AuditText.safe(worker) + "\"}");
        return new SubjectIdentifiers(account.id(), account.email(), account.phone());
    }

    /**
     * What the worker did, per category of its step, kept until its task completes. For an EXPORT the rows must be
     * those it uploaded (a stream cut short is caught here).
     *
     * @throws WorkerInputException INVALID when the report does not match the step
     */
    @Transactional
    public void report(String systemId, String stepId, List<CategoryOutcome> reported) {
        SystemStep step = openStep(systemId, stepId);
        Set<DataCategory> seen = new HashSet<>();
        List<CategoryOutcome> outcome = new ArrayList<>();
        Map<DataCategory, Long> staged = uploads.stagedRows(stepId);
        for (CategoryOutcome category : reported) {
            if (category == null || category.category() == null || !step.categories().contains(category.category())) {
                throw new WorkerInputException(WorkerInputException.Kind.INVALID, "UNKNOWN_CATEGORY",
                        "The step is about " + step.categories() + " only");
            }
            if (!seen.add(category.category())) {
                throw new WorkerInputException(WorkerInputException.Kind.INVALID, "DUPLICATE_CATEGORY",
                        category.category() + " is reported twice");
            }
            if (category.rows() < 0 || category.erased() < 0 || category.restricted() < 0) {
                throw new WorkerInputException(WorkerInputException.Kind.INVALID, "NEGATIVE_COUNT",
                        "Counts must not be negative");
            }
            if (step.operation() == StepOperation.EXPORT
                    && staged.getOrDefault(category.category(), 0L) != category.rows()) {
                throw new WorkerInputException(WorkerInputException.Kind.INVALID, "ROWS_NOT_UPLOADED",
                        category.category() + ": reported " + category.rows() + " rows, uploaded "
                                + staged.getOrDefault(category.category(), 0L));
            }
            outcome.add(new CategoryOutcome(category.category(), category.rows(), category.erased(),
                    category.restricted(), category.nextExpiry(), category.lastExpiry()));
        }
        if (!seen.containsAll(step.categories())) {
            throw new WorkerInputException(WorkerInputException.Kind.INVALID, "CATEGORY_MISSING",
                    "The report must cover every category of the step: " + step.categories());
        }
        jdbc.update("update system_step set reported = ? where id = ? and status = 'PENDING'",
                SystemSteps.json(StepOutcome.of(outcome)), stepId);
    }

    /**
     * The worker's task completed: its report becomes the step's result and its uploads are committed, together.
     * Safe to repeat.
     *
     * @throws IllegalStateException when the worker completed its task without reporting (retried, then an incident)
     */
    @Transactional
    public void completed(String stepId) {
        SystemStep step = steps.step(stepId);
        if (step.done()) {
            return;
        }
        String reported = jdbc.queryForObject("select reported from system_step where id = ?", String.class, stepId);
        if (reported == null) {
            throw new IllegalStateException("System step " + stepId + " of system '" + step.systemId()
                    + "' has no result: its worker completed the task without reporting what it did");
        }
        uploads.commit(stepId);
        steps.recordDone(step, SystemStep.DONE_BY_WORKER, null, SystemSteps.read(reported, StepOutcome.class), null);
        jdbc.update("delete from worker_subject_handle where step_id = ?", stepId);
    }

    /**
     * The time limit passed: the step is a data operator's; the worker's handle and staged rows are withdrawn.
     *
     * @return the data operator's instructions, which now say why the step is theirs
     */
    @Transactional
    public String handOver(String stepId) {
        steps.handOverToPerson(stepId);
        jdbc.update("delete from worker_subject_handle where step_id = ?", stepId);
        jdbc.update("update system_step set reported = null where id = ?", stepId);
        uploads.discardStaged(stepId);
        return steps.instructions(stepId);
    }

    /** Kept short and plain for the audit trail's JSON (a worker id is the worker's own text). */
    static final class AuditText {
        static String safe(String text) {
            if (text == null) {
                return "";
            }
            String plain = text.replaceAll("[^A-Za-z0-9._:@-]", "_");
            return plain.length() > 64 ? plain.substring(0, 64) : plain;
        }

        private AuditText() {
        }
    }
}
