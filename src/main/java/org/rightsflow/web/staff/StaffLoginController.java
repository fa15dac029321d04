package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.rightsflow.web.PageLanguages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in and sign-out of the staff pages with the Camunda users. Signing in here signs in to Tasklist, Cockpit and
 * Admin as well (and the other way round): it is the webapps' own session ({@link StaffAuthentication#signIn}).
 */
@Controller
@StaffPage
public class StaffLoginController {

    private final StaffAuthentication authentication;

    public StaffLoginController(StaffAuthentication authentication) {
        this.authentication = authentication;
    }

    @GetMapping("/staff/login")
    public String form(@RequestParam(required = false) String next, HttpServletRequest request, Locale locale,
                       Model model) {
        common(request, locale, model, next);
        return "staff/login";
    }

    @PostMapping("/staff/login")
    public String signIn(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
                         @RequestParam(required = false) String next, HttpServletRequest request,
                         HttpServletResponse response, Locale locale, Model model) {
        StaffCsrf.require(request);
        if (authentication.signIn(request, username, password).isEmpty()) {
            response.setStatus(401);
            common(request, locale, model, next);
            model.addAttribute("failed", true);
            return "staff/login";
        }
        return "redirect:" + safeNext(next);
    }

    @PostMapping("/staff/logout")
    public String signOut(HttpServletRequest request) {
        StaffCsrf.require(request);
        authentication.signOut(request);
        return "redirect:/staff/login";
    }

    private static void common(HttpServletRequest request, Locale locale, Model model, String next) {
        model.addAttribute("language", PageLanguages.languageOf(locale));
        model.addAttribute("currentPath", "/staff/login");
        model.addAttribute("csrf", StaffCsrf.token(request));
        model.addAttribute("next", safeNext(next));
    }

    /** Only a staff page of this application: never an address elsewhere (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/staff") || next.startsWith("//") || next.contains("\\")
                || next.contains("\r") || next.contains("\n") || next.startsWith("/staff/login")) {
            return "/staff";
        }
        return next;
    }
}
