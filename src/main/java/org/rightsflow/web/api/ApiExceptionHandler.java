package org.rightsflow.web.api;

import java.util.Map;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RateLimitedException;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the requester API as {@code application/problem+json} (RFC 9457) with a machine-readable
 * {@code code}; never a stack trace, never the input echoed back at length.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return problem(400, e.code(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Object> rateLimited(RateLimitedException e) {
        return problem(429, "RATE_LIMITED", e.getMessage(), Map.of("retryAfterSeconds", e.retryAfterSeconds()));
    }

    @ExceptionHandler(RequestNotFoundException.class)
    ResponseEntity<Object> notFound(RequestNotFoundException e) {
        return problem(404, "REQUEST_NOT_FOUND", e.getMessage(), Map.of());
    }

    @ExceptionHandler(RequestStateConflictException.class)
    ResponseEntity<Object> conflict(RequestStateConflictException e) {
        return problem(409, e.code(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // Logged for operators with its type and stack; the requester gets a bare problem with no details.
        log.error("Unexpected error in the requester API", e);
        return problem(500, "INTERNAL_ERROR", "Something went wrong on our side; nothing was changed", Map.of());
    }

    /**
     * The API's own problems ({@link Problems#requester}, which Spring hands over here) as they are; Spring's own errors
     * (unreadable body, wrong method, wrong media type, too large): same shape, own codes.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof ErrorResponse own && Problems.code(own) != null) {
            return answer(own.getBody());
        }
        int status = statusCode.value();
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "BAD_REQUEST";
        };
        String detail = ex instanceof ErrorResponse er && er.getBody().getDetail() != null
                ? er.getBody().getDetail() : HttpStatus.valueOf(status).getReasonPhrase();
        if (ex instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            // an evidence upload far over the limits of spring.servlet.multipart: nothing was stored
            return problem(413, "FILE_TOO_LARGE", "A file may be at most 10 MB, an upload at most 5 files", Map.of());
        }
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            if (BodySizeLimitFilter.isTooLarge(unreadable)) {
                return problem(413, "PAYLOAD_TOO_LARGE", "The body is larger than the API accepts", Map.of());
            }
            code = "MALFORMED_JSON";
            detail = "The body is not well-formed JSON";
        }
        if (status == 400 && ex.getClass().getSimpleName().startsWith("MissingRequest")) {
            code = "MISSING_INPUT";
        }
        return problem(status, code, detail, Map.of());
    }

    static ResponseEntity<Object> problem(int status, String code, String detail, Map<String, Object> properties) {
        return answer(Problems.body(Problems.REQUESTER_TYPES, status, code, detail, properties));
    }

    /** The problem as problem+json; a positive {@code retryAfterSeconds} is also the Retry-After header. */
    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> properties = problem.getProperties() == null ? Map.of() : problem.getProperties();
        if (properties.get("retryAfterSeconds") instanceof Number seconds && seconds.longValue() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        return answer.body(problem);
    }
}
