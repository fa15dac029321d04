package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.rightsflow.operations.InvalidFilterException;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the staff pages as pages, in the page's language: nobody signed in goes to the sign-in page (and back
 * afterwards), a user without the group sees 403 with what their groups do not allow, a bad filter 400 with the
 * message. Never a stack trace. Ahead of the staff API's problem+json advice, for {@link StaffPage} controllers only.
 */
@ControllerAdvice(annotations = StaffPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StaffPageErrors {

    private static final Logger log = LoggerFactory.getLogger(StaffPageErrors.class);

    @ExceptionHandler(ErrorResponseException.class)
    String problem(ErrorResponseException problem, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        int status = problem.getStatusCode().value();
        if (status == 401) {
            String next = request.getRequestURI();
            if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
                next += "?" + request.getQueryString();
            }
            return "redirect:/staff/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
        String code = Problems.code(problem);
        return page(status, code == null ? HttpStatus.valueOf(status).name() : code, problem.getBody().getDetail(),
                response, model);
    }

    @ExceptionHandler(InvalidFilterException.class)
    String invalid(InvalidFilterException e, HttpServletResponse response, Model model) {
        return page(400, e.code(), e.getMessage(), response, model);
    }

    @ExceptionHandler(RequestNotFoundException.class)
    String notFound(HttpServletResponse response, Model model) {
        return page(404, "REQUEST_NOT_FOUND", "No request with this reference", response, model);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("Unexpected error on a staff page", e);
        return page(500, "INTERNAL_ERROR", "Something went wrong on our side; nothing was changed", response, model);
    }

    static String page(int status, String code, String message, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("errorCode", code);
        model.addAttribute("errorMessage", message);
        return "staff/error";
    }
}
