package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.Map;
import org.rightsflow.operations.evidence.EvidencePackBuilder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request's signed evidence pack for privacy officers and auditors, from its page
 * ({@code /staff/requests/{reference}/evidence-pack}) or the API ({@code /staff/api/requests/{reference}/evidence-pack});
 * every download is an audit entry. {@code GET /staff/api/evidence-key} publishes the signing key and its
 * fingerprint, which the verifier compares.
 */
@RestController
public class EvidencePackController {

    private final StaffAuthentication authentication;
    private final EvidencePackBuilder packs;

    public EvidencePackController(StaffAuthentication authentication, EvidencePackBuilder packs) {
        this.authentication = authentication;
        this.packs = packs;
    }

    @GetMapping({"/staff/requests/{reference}/evidence-pack", "/staff/api/requests/{reference}/evidence-pack"})
    public ResponseEntity<byte[]> download(@PathVariable String reference, HttpServletRequest request) {
        StaffUser user = authentication.require(request, StaffAccess.EVIDENCE_PACK);
        byte[] pack = packs.download(reference, user.id());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("evidence-" + reference + ".zip").build().toString())
                .body(pack);
    }

    @GetMapping(path = "/staff/api/evidence-key", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> key(HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        return Map.of("algorithm", "Ed25519", "fingerprint", packs.keyFingerprint(),
                "publicKey", Base64.getEncoder().encodeToString(packs.publicKey().getEncoded()));
    }
}
