package org.rightsflow.fulfilment.systems;

import static org.rightsflow.common.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataSystem;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.request.ReducedRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of each system's part of a request ({@code system_step}): planned once per planning process instance,
 * carried out by the connector, the system's worker or a data operator, and recorded with what was done there per
 * category. Every recording can run again: a step that is done stays as it was recorded first.
 */
@Service
public class SystemSteps {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String COLUMNS = "id, request_id, reference, operation, system_id, execution, categories,"
            + " parameters, status, done_by, handed_over, operator, outcome, note, completed_at";
    private static final String[] COLUMN_NAMES = COLUMNS.split(",\\s*");
    /**
     * The stored text of a step without parameters, most steps' (every COUNT and EXPORT, most ERASE): read without
     * Jackson, whose record deserializer was half of the time spent reading a step in figure 2's flight recording.
     */
    private static final String NO_PARAMETERS = json(StepParameters.none());

    private final JdbcTemplate jdbc;
    private final DataConnectors connectors;
    private final AuditTrail audit;
    private final TimeSource time;
    private final TransactionTemplate separately;

    public SystemSteps(JdbcTemplate jdbc, DataConnectors connectors, AuditTrail audit, TimeSource time,
                       PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.audit = audit;
        this.time = time;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * One step per system that holds any of the categories in scope, in data-map order. Who carries it out: the
     * connector, when it can do the operation; the system's worker for an {@code external-task} system; otherwise a
     * data operator (a {@code manual} system, or a connector that cannot do it): never nobody.
     *
     * @param planKey  the planning process instance: a retried plan returns the steps it planned before
     * @param scope    per system, the categories of the step (systems without categories get none)
     * @return the step ids
     */
    @Transactional
    public List<String> plan(String planKey, String requestId, String reference, StepOperation operation,
                             Map<String, Set<DataCategory>> scope, StepParameters parameters) {
        List<String> existing = jdbc.queryForList("select id from system_step where plan_key = ?", String.class,
                planKey);
        if (!existing.isEmpty()) {
            return ordered(existing);
        }
        for (DataSystem system : connectors.dataMap().systems()) {
            Set<DataCategory> categories = scope.get(system.id());
            if (categories == null || categories.isEmpty()) {
                continue;
            }
            SystemConnector connector = connectors.connector(system.id());
            SystemConnector.Execution execution = connector.execution() == SystemConnector.Execution.IN_PROCESS
                    && !connector.supports(operation.connectorOperation())
                    ? SystemConnector.Execution.PERSON : connector.execution();
            List<DataCategory> inOrder = categories.stream().sorted().toList();
            jdbc.update("insert into system_step (id, plan_key, request_id, reference, operation, system_id,"
                            + " execution, categories, parameters, status, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)",
                    UUID.randomUUID().toString(), planKey, requestId, reference, operation.name(), system.id(),
                    execution.name(), String.join(",", inOrder.stream().map(Enum::name).toList()),
                    json(parameters), ts(time.now()));
        }
        List<String> ids = jdbc.queryForList("select id from system_step where plan_key = ?", String.class, planKey);
        audit.record(reference, "system", "SYSTEM_STEPS_PLANNED", "{\"operation\":\"" + operation + "\",\"steps\":"
                + ids.size() + "}");
        return ordered(ids);
    }

    public SystemStep step(String id) {
        return jdbc.queryForObject("select " + COLUMNS + " from system_step where id = ?", (rs, n) -> step(rs), id);
    }

    /** The steps of a request for an operation, in data-map order of their systems. */
    public List<SystemStep> steps(String requestId, StepOperation operation) {
        return jdbc.query("select " + COLUMNS + " from system_step where request_id = ? and operation = ?",
                        (rs, n) -> step(rs), requestId, operation.name())
                .stream().sorted(Comparator.comparingInt(s -> systemOrder(s.systemId()))).toList();
    }

    /** Who does the step, where its worker finds it and how long the worker may take. */
    public SystemStepRouting routing(String id) {
        SystemStep step = step(id);
        java.time.Duration timeLimit = connectors.dataMap().system(step.systemId())
                .map(s -> s.workerSettings().timeLimit()).orElse(org.rightsflow.datamap.WorkerSettings.DEFAULT_TIME_LIMIT);
        return new SystemStepRouting(step.id(), step.systemId(), step.execution(), SystemStepRouting.topicOf(step.systemId()),
                timeLimit);
    }

    /**
     * What a data operator is asked to do, for the form (Markdown): the system, the operation, the categories, and
     * where to find the account (the staff page of the request); no personal data.
     */
    public String instructions(String id) {
        SystemStep step = step(id);
        DataSystem system = connectors.dataMap().system(step.systemId()).orElseThrow();
        String categories = String.join(", ", step.categories().stream().map(c -> system.category(c)
                .map(m -> m.label().en() + " (" + m.label().zhCN() + ")").orElse(c.name())).toList());
        String what = switch (step.operation()) {
            case COUNT -> "Count the records the account holds in these categories, and enter the number.";
            case EXPORT -> "Give the requester a copy of these records through the channel your team uses for this"
                    + " system (the package tells the requester this part comes separately), and note what was sent.";
            case ERASE -> "Delete or anonymise these records of the account. Records that a legal retention period"
                    + " still covers are kept, restricted to storage and security only: note until when."
                    + (step.parameters().restrictOnly().isEmpty() ? "" : " Do NOT delete "
                    + String.join(", ", step.parameters().restrictOnly()) + ": the review kept them (deleting them"
                    + " needs excessive technical means or is impractical); restrict them to storage and security"
                    + " only.");
            case ERASE_EXPIRED -> "The retention period of these records ended: delete them.";
            case CORRECT -> "Make the approved corrections of the fields this system holds (the request's staff page"
                    + " lists them).";
            case WITHDRAW_CONSENT -> "Record that the account withdrew its consent to: "
                    + String.join(", ", step.parameters().purposes()) + ".";
            case RESTRICT -> "Restrict these records: storage and security only, no other use.";
            case LIFT_RESTRICTION -> "Lift the restriction of these records.";
        };
        return "**System:** " + system.label().en() + " (" + system.label().zhCN() + ", `" + system.id() + "`)  \n"
                + "**Categories:** " + categories + "  \n"
                + "**What to do:** " + what + "  \n"
                + (step.handedOver() ? "**Why you:** its system's worker did not finish within its time limit.  \n" : "")
                + "**Whose data:** the account of request " + step.reference() + ", on the request's staff page"
                + " (/staff/requests/" + step.reference() + ").";
    }

    /** The last step planned for a hold's deferred erasure. */
    public Optional<SystemStep> latestForHold(String requestId, String holdId) {
        return jdbc.query("select " + COLUMNS + " from system_step where request_id = ? and operation = ?"
                        + " order by created_at desc", (rs, n) -> step(rs), requestId, StepOperation.ERASE_EXPIRED.name())
                .stream().filter(s -> holdId.equals(s.parameters().holdId())).findFirst();
    }

    /**
     * Every step of a request, in the order they were planned; a closed request's whose records were reduced, from
     * its reduced record (the same columns, {@link #columnsOf}).
     */
    public List<SystemStep> steps(String requestId) {
        List<SystemStep> rows = jdbc.query("select " + COLUMNS + " from system_step where request_id = ?"
                + " order by created_at", (rs, n) -> step(rs), requestId);
        if (!rows.isEmpty()) {
            return rows;
        }
        return jdbc.query("select reduced_record from rights_request where id = ? and reduced_record is not null",
                        (rs, n) -> ReducedRecord.decode(rs.getBytes(1)), requestId).stream()
                .flatMap(record -> record.systemSteps().stream().map(SystemSteps::step)).toList();
    }

    /**
     * The request's steps as their columns (what {@link SystemStep} holds, as text), in the order they were planned:
     * what a closed request's reduced record keeps of them.
     */
    public List<Map<String, String>> columnsOf(String requestId) {
        return jdbc.query("select " + COLUMNS + " from system_step where request_id = ? order by created_at",
                (rs, n) -> columns(rs), requestId);
    }

    /**
     * What a step counted before it changed anything, recorded in a transaction of its own so that a retry after a
     * write in a system's own database (committed there already) reports what was planned, not what was left.
     */
    public StepOutcome plannedOr(String id, java.util.function.Supplier<StepOutcome> count) {
        String stored = jdbc.queryForObject("select planned from system_step where id = ?", String.class, id);
        if (stored != null) {
            return read(stored, StepOutcome.class);
        }
        StepOutcome planned = count.get();
        separately.executeWithoutResult(status -> jdbc.update(
                "update system_step set planned = ? where id = ? and planned is null", json(planned), id));
        return planned;
    }

    /**
     * The step is done: by whom, and what was done per category. A step already done keeps its first record.
     *
     * @param step the step as its caller read it in this transaction (its id, reference, system and operation, which
     *             do not change, name it in the audit trail; reading it again cost a query per step)
     */
    @Transactional
    public void recordDone(SystemStep step, String doneBy, String operator, StepOutcome outcome, String note) {
        int changed = jdbc.update("update system_step set status = 'DONE', done_by = ?, operator = ?, outcome = ?,"
                + " note = ?, completed_at = ? where id = ? and status = 'PENDING'", doneBy, operator, json(outcome),
                note, ts(time.now()), step.id());
        if (changed > 0) {
            audit.record(step.reference(), operator == null ? "system" : operator, "SYSTEM_STEP_DONE",
                    "{\"system\":\"" + step.systemId() + "\",\"operation\":\"" + step.operation() + "\",\"doneBy\":\""
                            + doneBy + "\",\"rows\":" + outcome.rows() + "}");
        }
    }

    /** The system's worker did not finish within the system's time limit: a data operator takes the step over. */
    @Transactional
    public void handOverToPerson(String id) {
        if (jdbc.update("update system_step set handed_over = true where id = ? and status = 'PENDING'"
                + " and handed_over = false", id) > 0) {
            SystemStep step = step(id);
            audit.record(step.reference(), "system", "SYSTEM_STEP_HANDED_OVER", "{\"system\":\"" + step.systemId()
                    + "\",\"operation\":\"" + step.operation() + "\"}");
        }
    }

    /** Whether an incident stopped the step (and it is not done since). */
    public boolean stalled(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select stalled_at is not null and status = 'PENDING'"
                + " from system_step where id = ?", Boolean.class, id));
    }

    /** Marks the step stalled (an incident stopped it); true the first time, when someone must be told. */
    @Transactional
    public boolean markStalled(String id) {
        return jdbc.update("update system_step set stalled_at = ? where id = ? and stalled_at is null"
                + " and status = 'PENDING'", ts(time.now()), id) > 0;
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<String> ordered(List<String> ids) {
        return ids.stream().map(this::step).sorted(Comparator.comparingInt(s -> systemOrder(s.systemId())))
                .map(SystemStep::id).toList();
    }

    private int systemOrder(String systemId) {
        List<DataSystem> systems = connectors.dataMap().systems();
        for (int i = 0; i < systems.size(); i++) {
            if (systems.get(i).id().equals(systemId)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static SystemStep step(ResultSet rs) throws SQLException {
        return step(columns(rs));
    }

    private static Map<String, String> columns(ResultSet rs) throws SQLException {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (String column : COLUMN_NAMES) {
            columns.put(column, rs.getString(column));
        }
        columns.put("handed_over", Boolean.toString(rs.getBoolean("handed_over")));
        columns.put("completed_at", Optional.ofNullable(Sql.instant(rs, "completed_at")).map(Object::toString)
                .orElse(null));
        return columns;
    }

    private static SystemStep step(Map<String, String> c) {
        String categories = c.get("categories");
        return new SystemStep(c.get("id"), c.get("request_id"), c.get("reference"),
                StepOperation.valueOf(c.get("operation")), c.get("system_id"),
                SystemConnector.Execution.valueOf(c.get("execution")),
                categories == null || categories.isBlank() ? List.of()
                        : Arrays.stream(categories.split(",")).map(DataCategory::valueOf).toList(),
                Optional.ofNullable(c.get("parameters")).map(SystemSteps::parameters).orElse(StepParameters.none()),
                "DONE".equals(c.get("status")), c.get("done_by"), Boolean.parseBoolean(c.get("handed_over")),
                c.get("operator"),
                Optional.ofNullable(c.get("outcome")).map(o -> read(o, StepOutcome.class)).orElse(null),
                c.get("note"), Optional.ofNullable(c.get("completed_at")).map(java.time.Instant::parse).orElse(null));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StepParameters parameters(String json) {
        return NO_PARAMETERS.equals(json) ? StepParameters.none() : read(json, StepParameters.class);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored system step value is not " + type.getSimpleName(), e);
        }
    }
}
