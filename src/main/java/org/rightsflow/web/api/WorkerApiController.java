package org.rightsflow.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.rightsflow.common.Hashing;
import org.rightsflow.fulfilment.systems.CategoryOutcome;
import org.rightsflow.fulfilment.systems.SubjectIdentifiers;
import org.rightsflow.fulfilment.systems.SystemStep;
import org.rightsflow.fulfilment.systems.WorkerInputException;
import org.rightsflow.fulfilment.systems.WorkerProperties;
import org.rightsflow.fulfilment.systems.WorkerSteps;
import org.rightsflow.fulfilment.systems.WorkerUploads;
import org.rightsflow.process.WorkerTaskLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rightsflow.web.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The worker API of {@code external-task} systems (README, "Connect your own system"; docs/data-map.md). A worker
 * signs in with HTTP Basic as its system id and that system's secret, and acts only on an external task of its own
 * system's topic whose lock it holds (its worker id in {@value #WORKER_ID}):
 * <ul>
 *   <li>{@code POST .../tasks/{taskId}/subject} exchanges the task's subject handle for the subject's identifiers
 *       (and, for an EXPORT, {@code includeRestricted}: whether the upload takes the restricted rows);</li>
 *   <li>{@code PUT .../tasks/{taskId}/rows/{category}} uploads a COPY/TRANSFER step's rows of one category as
 *       NDJSON ({@code application/x-ndjson}, one JSON object per line, keys = the data map's columns, plus
 *       {@code "restricted": true} on a restricted row of a COPY; a TRANSFER takes none), bounded by
 *       {@code rightsflow.workers.max-upload-size};</li>
 *   <li>{@code POST .../tasks/{taskId}/result} reports what was done per category;</li>
 * </ul>
 * then the worker completes the task through the engine REST API, which commits its result. Answers: 401 wrong or
 * missing credentials, 403 another system's task, 409 a task the worker does not hold (or a step no longer open),
 * 400 malformed NDJSON, an unknown category or column (nothing stored), 413 over the size bound. Nothing the worker
 * sends or receives is logged.
 */
@RestController
@RequestMapping("/api/workers/{system}/tasks/{taskId}")
public class WorkerApiController {

    public static final String WORKER_ID = "Rightsflow-Worker-Id";
    public static final String NDJSON = "application/x-ndjson";

    private static final Logger log = LoggerFactory.getLogger(WorkerApiController.class);

    private final WorkerProperties properties;
    private final WorkerTaskLocks locks;
    private final WorkerSteps workers;
    private final WorkerUploads uploads;

    public WorkerApiController(WorkerProperties properties, WorkerTaskLocks locks, WorkerSteps workers,
                               WorkerUploads uploads) {
        this.properties = properties;
        this.locks = locks;
        this.workers = workers;
        this.uploads = uploads;
    }

    /** The body of a subject exchange: the handle the task carries (in a body, never in a URL). */
    public record HandleExchange(String subjectHandle) {
    }

    /**
     * The subject's identifiers; for an EXPORT step whether its upload takes the subject's restricted rows (COPY:
     * yes, each with {@code "restricted": true}; TRANSFER: no, leave them out), null for other operations.
     */
    public record Subject(long accountId, String email, String phone, Boolean includeRestricted) {
    }

    /** What a worker did, per category of its step. */
    public record Result(List<CategoryOutcome> categories) {
    }

    @PostMapping(path = "/subject", consumes = "application/json")
    public ResponseEntity<Subject> subject(@PathVariable String system, @PathVariable String taskId,
                                           @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                           @RequestHeader(name = WORKER_ID, required = false) String workerId,
                                           @RequestBody HandleExchange body) {
        String stepId = authorised(system, taskId, auth, workerId);
        SubjectIdentifiers subject = workers.exchange(system, stepId, body == null ? null : body.subjectHandle(),
                workerId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Subject(subject.accountId(), subject.email(), subject.phone(),
                        workers.restrictedRowsWanted(workers.openStep(system, stepId))));
    }

    @PutMapping(path = "/rows/{category}", consumes = NDJSON)
    public ResponseEntity<WorkerUploads.Upload> rows(@PathVariable String system, @PathVariable String taskId,
                                                     @PathVariable String category,
                                                     @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                                     @RequestHeader(name = WORKER_ID, required = false) String workerId,
                                                     HttpServletRequest request) throws IOException {
        String stepId = authorised(system, taskId, auth, workerId);
        SystemStep step = workers.openStep(system, stepId);
        try {
            return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                    .body(uploads.stage(step, category,
                            Boolean.TRUE.equals(workers.restrictedRowsWanted(step)), request.getContentLengthLong(),
                            request.getInputStream()));
        } catch (UncheckedIOException e) {
            log.info("An upload of system '{}' broke off before its end; nothing of it was stored", system);
            throw Problems.requester(400, "UPLOAD_INCOMPLETE", "The upload broke off before its end; nothing of it was"
                    + " stored", Map.of());
        }
    }

    @PostMapping(path = "/result", consumes = "application/json")
    public ResponseEntity<Void> result(@PathVariable String system, @PathVariable String taskId,
                                       @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                       @RequestHeader(name = WORKER_ID, required = false) String workerId,
                                       @RequestBody Result body) {
        String stepId = authorised(system, taskId, auth, workerId);
        workers.report(system, stepId, body == null || body.categories() == null ? List.of() : body.categories());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(WorkerInputException.class)
    ResponseEntity<Object> refused(WorkerInputException e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case TOO_LARGE -> 413;
            case OTHER_SYSTEM -> 403;
            case NOT_OPEN -> 409;
        };
        return ApiExceptionHandler.problem(status, e.code(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(Unauthorised.class)
    ResponseEntity<Object> unauthorised(Unauthorised e) {
        ResponseEntity<Object> problem = ApiExceptionHandler.problem(401, "WORKER_UNAUTHORISED",
                "Sign in as the system's worker (HTTP Basic: the system id and its secret)", Map.of());
        return ResponseEntity.status(401).headers(problem.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"rightsflow-workers\", charset=\"UTF-8\"")
                .body(problem.getBody());
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The credentials are the system's, and the worker holds the task's lock: the task's step. */
    private String authorised(String system, String taskId, String authorization, String workerId) {
        if (!credentialsOf(system, authorization)) {
            throw new Unauthorised();
        }
        WorkerTaskLocks.Held held = locks.held(system, taskId, workerId);
        if (held.refusal() == WorkerTaskLocks.Refusal.OTHER_SYSTEM) {
            throw new WorkerInputException(WorkerInputException.Kind.OTHER_SYSTEM, "TASK_OF_ANOTHER_SYSTEM",
                    "The task belongs to another system");
        }
        if (held.refusal() == WorkerTaskLocks.Refusal.NOT_LOCKED) {
            throw new WorkerInputException(WorkerInputException.Kind.NOT_OPEN, "TASK_NOT_LOCKED",
                    "This worker (" + WORKER_ID + ") does not hold the lock of the task: fetch and lock it first,"
                            + " or extend the lock");
        }
        return held.stepId();
    }

    private boolean credentialsOf(String system, String authorization) {
        String expected = properties.secretSha256().get(system);
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(system)
                && Hashing.constantTimeEquals(Hashing.sha256Hex(decoded.substring(colon + 1)),
                expected.toLowerCase(java.util.Locale.ROOT));
    }

    /** Wrong or missing credentials. */
    static final class Unauthorised extends RuntimeException {
        Unauthorised() {
            super(null, null, false, false);
        }
    }
}
