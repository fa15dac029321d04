package org.rightsflow.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.ConnectorOperation;
import org.rightsflow.datamap.ConsentBasedData;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataSystem;
import org.rightsflow.datamap.RowSelection;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.fulfilment.consent.ConsentRegister;
import org.rightsflow.request.RequestDetailsValidator;
import org.rightsflow.retention.SweepCheckpoints.Status;
import org.rightsflow.review.InvalidDecisionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proactive deletion (docs/retention.md): without any request, the nightly sweep erases — by each category's erase
 * rule in the data map: delete the row, anonymise or null columns —
 * <ul>
 *   <li>the rows past their retention period: the end of the category's retention rule, the same rule that defers
 *       a requested deletion (a category without a rule is kept while the account exists, so it has no step);</li>
 *   <li>the data that rests on one consent alone ({@code consentBased} in the data map) of every account whose
 *       current choice for that purpose is "no".</li>
 * </ul>
 * Accounts under legal hold or with an open investigation are passed over. Retention and consent are judged at one
 * instant per run (its cutoff), so a run is a consistent picture however long it takes.
 *
 * <p>Every step runs in batches of {@code batch-size} rows (or subjects), one transaction each: the batch's erasure,
 * the step's checkpoint and, for the last batch, its audit entry commit together, so a batch that fails or is cut
 * off by a crash leaves nothing behind and runs again from the checkpoint; nothing is erased or counted twice. A run
 * that finds steps an earlier run left unfinished (it stopped on a failing system) takes them over; the earlier
 * run, when its failed job is retried, finds them taken over and leaves them. Systems the application cannot erase
 * in (a worker's or a manual system) are handed to data operators, and reported as not swept when nobody did it.
 */
@Service
public class ProactiveDeletionService {

    public static final String ACTOR = "system";
    public static final String SWEPT = "SWEPT";
    public static final String NOT_SWEPT = "NOT_SWEPT";

    private final DataConnectors connectors;
    private final AccountDirectory accounts;
    private final ConsentRegister consents;
    private final SweepCheckpoints checkpoints;
    private final AuditTrail audit;
    private final TimeSource time;
    private final ProactiveDeletionProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    ProactiveDeletionService(DataConnectors connectors, AccountDirectory accounts, ConsentRegister consents,
                             SweepCheckpoints checkpoints, AuditTrail audit, TimeSource time,
                             ProactiveDeletionProperties properties) {
        this.connectors = connectors;
        this.accounts = accounts;
        this.consents = consents;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.time = time;
        this.properties = properties;
        for (SweepStep step : steps()) {
            if (step.consentBased() && !RequestDetailsValidator.CONSENT_PURPOSES.contains(step.purpose())) {
                throw new IllegalStateException("Data map: system '" + step.systemId() + "', category "
                        + step.category() + ": consentBased names purpose " + step.purpose()
                        + ", which the consent register does not know " + new TreeSet<>(
                        RequestDetailsValidator.CONSENT_PURPOSES));
            }
        }
    }

    /**
     * The steps the data map asks for, in data-map order: per system, each category with a retention rule, then
     * each consent its data rests on.
     */
    public List<SweepStep> steps() {
        List<SweepStep> steps = new ArrayList<>();
        for (DataSystem system : connectors.dataMap().systems()) {
            SystemConnector connector = connectors.connector(system.id());
            SweepStep.Execution execution = connector.supports(ConnectorOperation.ERASE)
                    ? SweepStep.Execution.IN_PROCESS : SweepStep.Execution.BY_HAND;
            for (CategoryMapping mapping : system.categories()) {
                if (mapping.retention() != null) {
                    steps.add(new SweepStep(SweepStep.key(system.id(), mapping.category(), null), system.id(),
                            mapping.category(), null, execution));
                }
                for (ConsentBasedData data : mapping.consentBased()) {
                    steps.add(new SweepStep(SweepStep.key(system.id(), mapping.category(), data.purpose()),
                            system.id(), mapping.category(), data.purpose(), execution));
                }
            }
        }
        return steps;
    }

    /**
     * Starts a run: records it with its cutoff (now), takes over the steps earlier runs left unfinished, and records
     * one step per system and category (the checkpoints).
     */
    @Transactional
    public SweepPlan plan() {
        Instant now = time.now();
        String reference = checkpoints.newRun(now);
        Map<String, SweepCheckpoints.TakenOver> unfinished = checkpoints.takeOverUnfinished(reference, now);
        List<String> inProcess = new ArrayList<>();
        List<String> byHand = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        int stepNo = 0;
        for (SweepStep step : steps()) {
            SweepCheckpoints.TakenOver earlier = step.execution() == SweepStep.Execution.IN_PROCESS
                    ? unfinished.get(step.key()) : null;
            checkpoints.insertStep(reference, step, ++stepNo, now, earlier, now);
            (step.execution() == SweepStep.Execution.IN_PROCESS ? inProcess : byHand).add(step.key());
            if (earlier != null) {
                resumed.add(step.key());
            }
        }
        ObjectNode detail = json.createObjectNode().put("cutoff", now.toString()).put("steps", stepNo);
        detail.set("byHand", json.valueToTree(byHand));
        if (!unfinished.isEmpty()) {
            ObjectNode takenOver = detail.putObject("takenOver");
            unfinished.forEach((key, earlier) -> takenOver.put(key, earlier.runReference()));
        }
        audit.record(reference, ACTOR, "PROACTIVE_DELETION_STARTED", detail.toString());
        return new SweepPlan(reference, now, inProcess, byHand, now.plus(properties.handOverWithin()), resumed);
    }

    /**
     * Erases one batch of the step through the system's connector and moves the step's checkpoint, in one
     * transaction. A step a later run has taken over is left alone.
     */
    @Transactional
    public BatchOutcome eraseBatch(String runReference, String stepKey) {
        SweepCheckpoints.Step step = checkpoints.lock(runReference, stepKey);
        if (step.status() == Status.TAKEN_OVER) {
            return new BatchOutcome(BatchOutcome.Next.TAKEN_OVER, step.rowsErased(), step.batches());
        }
        if (step.status() == Status.DONE) {
            return new BatchOutcome(BatchOutcome.Next.DONE, step.rowsErased(), step.batches());
        }
        SystemConnector connector = connectors.connector(step.systemId());
        if (!connector.supports(ConnectorOperation.ERASE)) {
            // the data map changed since the plan: fail loudly (an incident), never skip the system
            throw connector.unsupported(ConnectorOperation.ERASE);
        }
        Set<Long> onHold = new HashSet<>(accounts.accountsOnHold());
        int size = properties.batchSize();
        long erased;
        boolean full;
        Long after = step.afterSubject();
        if (step.purpose() == null) {
            erased = connector.erase(step.category(),
                    RowSelection.everySubjectPastRetention(step.cutoff(), size).excluding(onHold));
            full = erased >= size;
        } else {
            List<Long> subjects = consents.accountsWithout(step.purpose(), step.cutoff(), after == null ? 0 : after,
                    size);
            erased = 0;
            for (long subject : subjects) {
                if (!onHold.contains(subject)) {
                    erased += connector.eraseConsentBased(step.category(), step.purpose(),
                            RowSelection.pastRetention(subject, step.cutoff()));
                }
            }
            after = subjects.isEmpty() ? after : subjects.get(subjects.size() - 1);
            full = subjects.size() >= size;
        }
        Instant now = time.now();
        checkpoints.recordBatch(runReference, stepKey, erased, after, full ? Status.RUNNING : Status.DONE, now);
        long rows = step.rowsErased() + erased;
        int batches = step.batches() + 1;
        if (!full) {
            ObjectNode detail = stepDetail(step).put("rows", rows).put("batches", batches)
                    .put("accountsOnHold", onHold.size());
            audit.record(runReference, ACTOR, "PROACTIVE_DELETION_STEP", detail.toString());
        }
        return new BatchOutcome(full ? BatchOutcome.Next.MORE : BatchOutcome.Next.DONE, rows, batches);
    }

    /**
     * A data operator swept a handed-over step by hand (or could not): recorded with the rows they erased and their
     * note. Validated here because forms validate only in the browser.
     *
     * @throws InvalidDecisionException when the form's values break a rule (the task stays open)
     */
    @Transactional
    public void recordSweptByHand(String runReference, String stepKey, String decision, Long rowsErased,
                                  String note, String operator) {
        if (!SWEPT.equals(decision) && !NOT_SWEPT.equals(decision)) {
            throw new InvalidDecisionException("decision must be one of [" + SWEPT + ", " + NOT_SWEPT + "]");
        }
        if (SWEPT.equals(decision) && (rowsErased == null || rowsErased < 0)) {
            throw new InvalidDecisionException("Say how many rows were erased (0 or more)");
        }
        if (note == null || note.isBlank()) {
            throw new InvalidDecisionException("An explanation is required");
        }
        if (note.length() > 4000) {
            throw new InvalidDecisionException("The explanation is limited to 4000 characters");
        }
        SweepCheckpoints.Step step = checkpoints.lock(runReference, stepKey);
        long rows = SWEPT.equals(decision) ? rowsErased : 0;
        Status status = SWEPT.equals(decision) ? Status.SWEPT_BY_HAND : Status.NOT_SWEPT;
        checkpoints.recordByHand(runReference, stepKey, status, rows, note, operator, time.now());
        audit.record(runReference, operator, "PROACTIVE_DELETION_BY_HAND",
                stepDetail(step).put("outcome", status.name()).put("rows", rows).toString());
    }

    /** Nobody swept a handed-over step in time: the run reports it as not swept. */
    @Transactional
    public void reportNotSwept(String runReference, String stepKey) {
        SweepCheckpoints.Step step = checkpoints.lock(runReference, stepKey);
        if (step.status() != Status.WITH_OPERATOR) {
            return;
        }
        checkpoints.recordByHand(runReference, stepKey, Status.NOT_SWEPT, 0, null, null, time.now());
        audit.record(runReference, ACTOR, "PROACTIVE_DELETION_NOT_SWEPT",
                stepDetail(step).put("reason", "not swept by a data operator in time").toString());
    }

    /** Closes the run: one audit entry with the figures of every step. Safe to repeat. */
    @Transactional
    public SweepRunSummary finishRun(String runReference) {
        long rows = 0;
        int notSwept = 0;
        int takenOver = 0;
        ArrayNode steps = json.createArrayNode();
        for (SweepCheckpoints.Step step : checkpoints.steps(runReference)) {
            rows += step.rowsErased();
            notSwept += step.status() == Status.NOT_SWEPT || step.status() == Status.WITH_OPERATOR ? 1 : 0;
            takenOver += step.status() == Status.TAKEN_OVER ? 1 : 0;
            ObjectNode item = stepDetail(step).put("status", step.status().name()).put("rows", step.rowsErased())
                    .put("batches", step.batches());
            if (step.takenOverBy() != null) {
                item.put("takenOverBy", step.takenOverBy());
            }
            steps.add(item);
        }
        if (checkpoints.completeRun(runReference, time.now())) {
            ObjectNode detail = json.createObjectNode().put("cutoff", checkpoints.cutoff(runReference).toString())
                    .put("rows", rows).put("notSwept", notSwept).put("takenOver", takenOver);
            detail.set("steps", steps);
            audit.record(runReference, ACTOR, "PROACTIVE_DELETION_RUN", detail.toString());
        }
        return new SweepRunSummary(runReference, rows, notSwept, takenOver);
    }

    private ObjectNode stepDetail(SweepCheckpoints.Step step) {
        ObjectNode detail = json.createObjectNode().put("system", step.systemId())
                .put("category", step.category().name());
        if (step.purpose() != null) {
            detail.put("consentWithdrawn", step.purpose());
        }
        if (step.resumedFrom() != null) {
            detail.put("resumedFrom", step.resumedFrom());
        }
        return detail;
    }
}
