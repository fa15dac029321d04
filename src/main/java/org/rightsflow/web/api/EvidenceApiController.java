package org.rightsflow.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.rightsflow.identity.EvidenceRejected;
import org.rightsflow.identity.RelativeEvidence;
import org.rightsflow.web.EvidenceUploads;
import org.rightsflow.web.ConcurrentChangeRetry;
import org.rightsflow.web.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence for a close relative's request about a deceased account holder (docs/api.md): multipart parts named
 * {@code files}, PDF/JPEG/PNG by content, at most 5 files of 10 MB per request. File names are not kept.
 */
@RestController
@Tag(name = "Rights requests")
public class EvidenceApiController {

    private final RelativeEvidence evidence;

    public EvidenceApiController(RelativeEvidence evidence) {
        this.evidence = evidence;
    }

    /** How many files the request holds after the upload. */
    public record Stored(int evidenceFiles) {
    }

    @PostMapping(path = "/api/requests/{reference}/evidence", consumes = "multipart/form-data",
            produces = "application/json")
    @Operation(summary = "Upload a relative's evidence", description = "Multipart parts named files (PDF, JPEG or "
            + "PNG by content; at most 5 files of 10 MB per request, all of an upload or none). Only for a request "
            + "filed with onBehalfOf CLOSE_RELATIVE_OF_DECEASED and only until intake staff decided its identity "
            + "check. 400 NO_FILES, UNSUPPORTED_FILE_TYPE, TOO_MANY_FILES; 413 FILE_TOO_LARGE; 409 "
            + "EVIDENCE_NOT_EXPECTED, VERIFICATION_CLOSED; 404 REQUEST_NOT_FOUND.")
    public ResponseEntity<Stored> upload(@PathVariable String reference,
                                         @RequestHeader(name = RequestApiController.TOKEN_HEADER, required = false) String token,
                                         @RequestPart(name = "files", required = false) List<MultipartFile> files) {
        List<RelativeEvidence.Upload> uploads = EvidenceUploads.of(files);
        try {
            return ResponseEntity.status(201).body(new Stored(ConcurrentChangeRetry.run(
                    () -> evidence.add(reference, token, uploads))));
        } catch (EvidenceRejected e) {
            int status = switch (e.reason()) {
                case FILE_TOO_LARGE -> 413;
                case EVIDENCE_NOT_EXPECTED, VERIFICATION_CLOSED -> 409;
                default -> 400;
            };
            throw Problems.requester(status, e.reason().name(), e.getMessage(), Map.of());
        }
    }
}
