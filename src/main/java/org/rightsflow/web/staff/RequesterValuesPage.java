package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import org.rightsflow.request.RequesterValues;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /staff/requests/{reference}/requester-values}: the values a requester typed, in full, for the privacy
 * officers who decide on them (the Tasklist forms show them masked and link here). Rendered as text, never as markup:
 * Thymeleaf escapes every value. Each view is audited; the answer is never cached (no-store).
 */
@Controller
public class RequesterValuesPage {

    private final StaffAuthentication authentication;
    private final RequesterValues values;

    public RequesterValuesPage(StaffAuthentication authentication, RequesterValues values) {
        this.authentication = authentication;
        this.values = values;
    }

    @GetMapping("/staff/requests/{reference}/requester-values")
    public String show(@PathVariable String reference, HttpServletRequest request, Model model) {
        StaffUser user = authentication.require(request, StaffAccess.REQUESTER_VALUES);
        model.addAttribute("reference", reference);
        model.addAttribute("values", values.read(reference, user.id()));
        return "staff/requester-values";
    }
}
