package org.rightsflow.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;

/**
 * The application's answers other than success, as Spring's {@link ProblemDetail} (RFC 9457) carried by an
 * {@link ErrorResponseException}: every one has a machine-readable {@code code} member and a {@code type} made from
 * it; extra members (such as {@code attemptsLeft} or {@code retryAfterSeconds}) are properties of the problem. The
 * requester API and the staff API name their types differently; the shape is the same.
 */
public final class Problems {

    /** The type of the requester API's problems: this prefix and the code in kebab case. */
    public static final String REQUESTER_TYPES = "https://rightsflow.invalid/problems/";
    /** The type of the staff API's problems. */
    public static final String STAFF_TYPES = "urn:rightsflow:problem:";

    private static final String CODE = "code";

    private Problems() {
    }

    /** A problem of the requester API, to throw from a controller. */
    public static ErrorResponseException requester(int status, String code, String detail,
                                                   Map<String, Object> properties) {
        return new ErrorResponseException(HttpStatusCode.valueOf(status),
                body(REQUESTER_TYPES, status, code, detail, properties), null);
    }

    /** A problem of the staff API or a staff page, to throw from a controller or a check. */
    public static ErrorResponseException staff(int status, String code, String detail) {
        return new ErrorResponseException(HttpStatusCode.valueOf(status),
                body(STAFF_TYPES, status, code, detail, Map.of()), null);
    }

    /** The body of a problem: status, detail, {@code type} from {@code code}, {@code code} and the extra members. */
    public static ProblemDetail body(String types, int status, String code, String detail,
                                     Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(types + code.toLowerCase().replace('_', '-')));
        problem.setProperty(CODE, code);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** The {@code code} of a problem made here; null for one of Spring's own (which have none). */
    public static String code(ErrorResponse problem) {
        Map<String, Object> properties = problem.getBody().getProperties();
        return properties != null && properties.get(CODE) instanceof String code ? code : null;
    }
}
