package org.rightsflow.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.web.Problems;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Results by link: an opaque token in the URL, nothing personal; 404 unknown, 410 expired or used up. The file is
 * streamed (a package is decrypted while it is sent), so a large package never sits in memory.
 *
 * <p>A person reaches this address from the download page's button, from a stale tab of that page, or from an email
 * sent before the emails linked the page: a browser (it asks for HTML) whose link no longer works is sent to the
 * page, which says why in the request's language, instead of an English problem document.
 */
@RestController
@Tag(name = "Downloads")
public class DownloadController {

    /** The tokens the download page takes; anything else has no page to be sent to. */
    private static final Pattern PAGE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final DownloadService downloads;

    public DownloadController(DownloadService downloads) {
        this.downloads = downloads;
    }

    /**
     * A HEAD (a mail scanner checking the link, a browser's preflight) answers as the GET would, without the file and
     * without spending one of the link's uses: only a GET that streams the file counts.
     */
    @RequestMapping(path = "/api/downloads/{token}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> describe(@PathVariable String token) {
        try {
            DownloadService.Description file = downloads.describe(token).orElseThrow(() ->
                    Problems.requester(404, "DOWNLOAD_NOT_FOUND", "No download behind this link", Map.of()));
            var response = ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(file.contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(file.fileName()).build().toString());
            if (file.size() >= 0) {
                response.contentLength(file.size());
            }
            return response.build();
        } catch (DownloadService.DownloadGoneException e) {
            throw Problems.requester(410, "DOWNLOAD_GONE", e.getMessage(), Map.of());
        }
    }

    @GetMapping("/api/downloads/{token}")
    @Operation(summary = "Download a result by the link emailed to the contact on file")
    public ResponseEntity<StreamingResponseBody> download(@PathVariable String token,
                                                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                                                          String accept) {
        try {
            DownloadService.File file = downloads.fetch(token).orElse(null);
            if (file == null) {
                if (wantsPage(accept, token)) {
                    return toThePage(token);
                }
                throw Problems.requester(404, "DOWNLOAD_NOT_FOUND", "No download behind this link", Map.of());
            }
            StreamingResponseBody body = out -> {
                try (InputStream in = file.content()) {
                    in.transferTo(out);
                }
            };
            var response = ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(file.contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(file.fileName()).build().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Content-Type-Options", "nosniff");
            if (file.size() >= 0) {
                response.contentLength(file.size());
            }
            return response.body(body);
        } catch (DownloadService.DownloadGoneException e) {
            if (wantsPage(accept, token)) {
                return toThePage(token);
            }
            throw Problems.requester(410, "DOWNLOAD_GONE", e.getMessage(), Map.of());
        }
    }

    /** A browser navigating (it accepts HTML); an API client or a script gets the problem document. */
    private static boolean wantsPage(String accept, String token) {
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && PAGE_TOKEN.matcher(token).matches();
    }

    /** 303: the page behind the same token, which spends nothing and says why the link no longer works. */
    private static ResponseEntity<StreamingResponseBody> toThePage(String token) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/privacy/downloads/" + token))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
