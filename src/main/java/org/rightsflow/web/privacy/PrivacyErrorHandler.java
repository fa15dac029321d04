package org.rightsflow.web.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rightsflow.notice.ComplaintChannels;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestStateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rightsflow.web.PageLanguages;
import org.springframework.ui.Model;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the Privacy Center as pages in the page's language: a message the requester can act on, never a
 * stack trace. An unknown reference and a wrong or missing status cookie look the same (no probing).
 */
@ControllerAdvice(assignableTypes = {PrivacyCenterController.class, EvidenceUploadController.class})
public class PrivacyErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PrivacyErrorHandler.class);

    private final ComplaintChannels complaints;

    public PrivacyErrorHandler(ComplaintChannels complaints) {
        this.complaints = complaints;
    }

    /**
     * A request this browser cannot open: the look-up form. Opened by a link (a GET: a status page on another device,
     * an old link) it starts clean, naming the reference and the ways in; only a key that was typed and did not
     * match is an error.
     */
    @ExceptionHandler(RequestNotFoundException.class)
    String notFound(HttpServletRequest request, Locale locale, Model model, HttpServletResponse response) {
        response.setStatus(404);
        common(locale, model, "/privacy/status");
        Matcher reference = REFERENCE_IN_PATH.matcher(request.getRequestURI());
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            if (reference.find()) {
                model.addAttribute("reference", reference.group());
                model.addAttribute("openElsewhere", reference.group());
            }
        } else {
            model.addAttribute("errorCode", "REQUEST_NOT_FOUND");
        }
        return "privacy/lookup";
    }

    private static final Pattern REFERENCE_IN_PATH = Pattern.compile("RR-\\d{8}-\\d{1,8}");

    @ExceptionHandler(RequestStateConflictException.class)
    String conflict(RequestStateConflictException e, Locale locale, Model model, HttpServletResponse response) {
        return page(409, e.code(), locale, model, response);
    }

    @ExceptionHandler(InvalidRequestException.class)
    String invalid(InvalidRequestException e, Locale locale, Model model, HttpServletResponse response) {
        return page(400, e.code(), locale, model, response);
    }

    @ExceptionHandler(PrivacyCenterController.PageNotFound.class)
    String pageNotFound(Locale locale, Model model, HttpServletResponse response) {
        return page(404, "NOT_FOUND", locale, model, response);
    }

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class})
    String badMethod(Locale locale, Model model, HttpServletResponse response) {
        return page(400, "NOT_FOUND", locale, model, response);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Locale locale, Model model, HttpServletResponse response) {
        log.error("Unexpected error in the Privacy Center", e);
        return page(500, "GENERIC", locale, model, response);
    }

    private String page(int status, String code, Locale locale, Model model, HttpServletResponse response) {
        response.setStatus(status);
        common(locale, model, "/privacy");
        model.addAttribute("errorCode", code);
        return "privacy/error";
    }

    private void common(Locale locale, Model model, String path) {
        model.addAttribute("currentPath", path);
        model.addAttribute("language", PageLanguages.languageOf(locale));
        model.addAttribute("complaintChannel", complaints.inOneLine(PageLanguages.languageOf(locale)));
    }
}
