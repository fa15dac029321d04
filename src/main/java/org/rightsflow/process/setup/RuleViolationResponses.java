package org.rightsflow.process.setup;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.review.InvalidDecisionException;

/**
 * The engine REST API's answer when a staff decision breaks one of our rules (a PARTIAL without categories, the
 * proposer approving their own refusal, a transfer approved without its four conditions, a staff-entered request with
 * a bad field). The rule is checked in a task listener or delegate; the engine wraps what a listener throws as an
 * engine error, and the REST resources wrap that again (completing a task answers "Cannot complete task" with 500).
 * Bad input is the caller's mistake: 400, with the rule in Camunda's error format ({@code type}, {@code message}) so
 * that Tasklist shows it; a request whose state does not allow the step (sent to review after its fulfilment started)
 * is 409 with the state's {@code code}. Every other error keeps Camunda's answer (403 for a missing authorization, 404, 500...).
 * The mappers are chosen over Camunda's handlers of the same exception types by their priority.
 */
public final class RuleViolationResponses {

    private RuleViolationResponses() {
    }

    static Optional<Response> ruleViolation(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidDecisionException || cause instanceof InvalidRequestException) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", cause.getClass().getSimpleName());
                body.put("message", cause.getMessage());
                body.put("code", null);
                return Optional.of(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body).build());
            }
            if (cause instanceof RequestStateConflictException conflict) {
                // e.g. a request sent to review after its fulfilment started: the request's state, not bad input
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", cause.getClass().getSimpleName());
                body.put("message", cause.getMessage());
                body.put("code", conflict.code());
                return Optional.of(Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body).build());
            }
        }
        return Optional.empty();
    }

    /** An engine error thrown straight out of a resource. */
    @Priority(Priorities.USER - 100)
    public static class FromEngine extends ProcessEngineExceptionHandler {
        @Override
        public Response toResponse(ProcessEngineException exception) {
            return ruleViolation(exception).orElseGet(() -> super.toResponse(exception));
        }
    }

    /**
     * A rule broken in a delegate that runs in the caller's transaction (a start form's service task): the engine
     * passes the delegate's own exception on unwrapped.
     */
    @Priority(Priorities.USER - 100)
    public static class FromDelegate extends ExceptionHandler {
        @Override
        public Response toResponse(Throwable exception) {
            return ruleViolation(exception).orElseGet(() -> super.toResponse(exception));
        }
    }

    /** An engine error a resource wrapped (task completion, form submission). */
    @Priority(Priorities.USER - 100)
    public static class FromRestResource extends RestExceptionHandler {
        @Override
        public Response toResponse(RestException exception) {
            return ruleViolation(exception).orElseGet(() -> super.toResponse(exception));
        }
    }
}
