package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.rightsflow.identity.RelativeEvidence;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.web.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The evidence a close relative of a deceased holder uploaded, for intake staff only, from the manual identity check
 * (its task card links here): the list of files by number, type, size and upload time, and each file, decrypted, as
 * an attachment that no cache keeps. Every file opened is an audit entry.
 */
@Controller
public class RelativeEvidenceController {

    private static final java.time.format.DateTimeFormatter BEIJING = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));

    /** A file as the list shows it. */
    public record Row(int number, String contentType, long kib, String uploaded, String sha256) {
    }

    private final StaffAuthentication authentication;
    private final RequestRepository requests;
    private final RelativeEvidence evidence;

    public RelativeEvidenceController(StaffAuthentication authentication, RequestRepository requests,
                                      RelativeEvidence evidence) {
        this.authentication = authentication;
        this.requests = requests;
        this.evidence = evidence;
    }

    @GetMapping("/staff/requests/{reference}/evidence")
    public String list(@PathVariable String reference, HttpServletRequest request, Locale locale, Model model) {
        StaffUser user = authentication.require(request, StaffAccess.RELATIVE_EVIDENCE);
        RightsRequest found = find(reference);
        StaffPages.common(request, locale, model, user);
        model.addAttribute("reference", found.reference());
        model.addAttribute("files", evidence.list(found.id()).stream().map(f -> new Row(f.number(), f.contentType(),
                (f.sizeBytes() + 1023) / 1024, BEIJING.format(f.uploadedAt()), f.sha256())).toList());
        return "staff/evidence";
    }

    @GetMapping("/staff/requests/{reference}/evidence/{number}")
    public ResponseEntity<byte[]> file(@PathVariable String reference, @PathVariable int number,
                                       HttpServletRequest request) {
        StaffUser user = authentication.require(request, StaffAccess.RELATIVE_EVIDENCE);
        RightsRequest found = find(reference);
        RelativeEvidence.Opened opened = evidence.open(found, number, user.id())
                .orElseThrow(() -> Problems.staff(404, "EVIDENCE_NOT_FOUND", "No such evidence file for " + reference));
        String extension = switch (opened.file().contentType()) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            default -> ".jpg";
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(opened.file().contentType()))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("evidence-" + found.reference() + "-" + number + extension).build().toString())
                .body(opened.content());
    }

    private RightsRequest find(String reference) {
        return requests.findByReference(reference)
                .orElseThrow(() -> Problems.staff(404, "REQUEST_NOT_FOUND", "No request " + reference));
    }
}
