package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.rightsflow.web.PageLanguages;
import org.springframework.ui.Model;

/** What every staff page shows: who is signed in, the language switch, the form token. */
final class StaffPages {

    private StaffPages() {
    }

    static void common(HttpServletRequest request, Locale locale, Model model, StaffUser user) {
        model.addAttribute("language", PageLanguages.languageOf(locale));
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("user", user);
        model.addAttribute("csrf", StaffCsrf.token(request));
        model.addAttribute("mayAct", user.may(StaffAccess.ACT_ON_REQUEST));
        model.addAttribute("mayDownloadEvidence", user.may(StaffAccess.EVIDENCE_PACK));
    }
}
