package org.rightsflow.web.staff;

import java.util.Map;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the staff API as {@code application/problem+json} with a {@code code}; never a stack trace. */
@RestControllerAdvice(basePackageClasses = StaffExceptionHandler.class)
class StaffExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StaffExceptionHandler.class);

    /** The staff API's own problems ({@link Problems#staff}); 401 asks for HTTP Basic. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> staff(ErrorResponseException e) {
        ProblemDetail body = e.getBody();
        if (Problems.code(e) == null) {
            // one of Spring's own: the same shape, its status as the code
            body = Problems.body(Problems.STAFF_TYPES, body.getStatus(),
                    HttpStatus.valueOf(body.getStatus()).name(), body.getDetail(), Map.of());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(body.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (body.getStatus() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"rightsflow-staff\"");
        }
        return response.body(body);
    }

    @ExceptionHandler(org.rightsflow.operations.InvalidFilterException.class)
    ResponseEntity<ProblemDetail> invalidFilter(org.rightsflow.operations.InvalidFilterException e) {
        ResponseEntity<ProblemDetail> response = problem(400, e.code(), e.getMessage());
        response.getBody().setProperty("field", e.field());
        return response;
    }

    @ExceptionHandler(RequestNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RequestNotFoundException e) {
        return problem(404, "REQUEST_NOT_FOUND", "No request with this reference");
    }

    @ExceptionHandler(RequestStateConflictException.class)
    ResponseEntity<ProblemDetail> conflict(RequestStateConflictException e) {
        return problem(409, e.code(), e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return problem(400, e.code(), e.getMessage());
    }

    @ExceptionHandler(InvalidDecisionException.class)
    ResponseEntity<ProblemDetail> rule(InvalidDecisionException e) {
        return problem(400, "RULE_VIOLATED", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyFailureException e) {
        return problem(409, "CONCURRENT_CHANGE", "The request changed at the same moment; try again");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error in the staff API", e);
        return problem(500, "INTERNAL_ERROR", "Something went wrong on our side; nothing was changed");
    }

    static ResponseEntity<ProblemDetail> problem(int status, String code, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(Problems.STAFF_TYPES, status, code, detail, Map.of()));
    }
}
