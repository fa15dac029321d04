package org.rightsflow.web.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.rightsflow.identity.EvidenceRejected;
import org.rightsflow.identity.RelativeEvidence;
import org.rightsflow.notice.ComplaintChannels;
import org.rightsflow.request.FiledAs;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.request.StatusTokenCheck;
import org.rightsflow.web.EvidenceUploads;
import org.rightsflow.web.PageLanguages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Privacy Center's page on which a close relative of a deceased account holder uploads evidence for their
 * request (the death, the relationship, their own identity), opened with the request's status cookie like every
 * status page. The same rules as the API: PDF/JPEG/PNG by content, at most 5 files of 10 MB, all or nothing, and only
 * until intake staff decided the identity check. File names are never kept or shown.
 */
@Controller
public class EvidenceUploadController {

    private final StatusTokenCheck tokenCheck;
    private final RelativeEvidence evidence;
    private final ComplaintChannels complaints;

    public EvidenceUploadController(StatusTokenCheck tokenCheck, RelativeEvidence evidence, ComplaintChannels complaints) {
        this.tokenCheck = tokenCheck;
        this.evidence = evidence;
        this.complaints = complaints;
    }

    @GetMapping("/privacy/status/{reference}/evidence")
    public String page(@PathVariable String reference, HttpServletRequest request, Locale locale, Model model) {
        RightsRequest r = tokenCheck.open(reference, StatusCookies.tokenFor(request, reference));
        return render(r, null, null, request, locale, model);
    }

    @PostMapping(path = "/privacy/status/{reference}/evidence", consumes = "multipart/form-data")
    public String upload(@PathVariable String reference,
                         @RequestPart(name = "files", required = false) List<MultipartFile> files,
                         HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        String token = StatusCookies.tokenFor(request, reference);
        RightsRequest r = tokenCheck.open(reference, token);
        List<RelativeEvidence.Upload> uploads = EvidenceUploads.of(files);
        try {
            int held = evidence.add(reference, token, uploads);
            return render(r, held, null, request, locale, model);
        } catch (EvidenceRejected e) {
            response.setStatus(switch (e.reason()) {
                case FILE_TOO_LARGE -> 413;
                case EVIDENCE_NOT_EXPECTED, VERIFICATION_CLOSED -> 409;
                default -> 400;
            });
            return render(r, null, e.reason().name(), request, locale, model);
        }
    }

    private String render(RightsRequest r, Integer stored, String errorCode, HttpServletRequest request, Locale locale,
                          Model model) {
        String language = PageLanguages.languageOf(locale);
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("language", language);
        model.addAttribute("complaintChannel", complaints.inOneLine(language));
        model.addAttribute("reference", r.reference());
        model.addAttribute("expected", r.filedAs() == FiledAs.CLOSE_RELATIVE_OF_DECEASED);
        model.addAttribute("held", evidence.count(r.id()));
        model.addAttribute("maxFiles", RelativeEvidence.MAX_FILES);
        model.addAttribute("stored", stored);
        model.addAttribute("errorCode", errorCode == null ? null : "EVIDENCE_" + errorCode);
        return "privacy/evidence";
    }
}
