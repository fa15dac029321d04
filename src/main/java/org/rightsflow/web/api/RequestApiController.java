package org.rightsflow.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.identity.ManualVerificationReason;
import org.rightsflow.identity.ResendOutcome;
import org.rightsflow.identity.VerificationOutcome;
import org.rightsflow.request.FilingReceipt;
import org.rightsflow.request.IntakeCommand;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestIntakeService;
import org.rightsflow.request.ClarificationService;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.web.ConcurrentChangeRetry;
import org.rightsflow.web.Problems;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The requester API of docs/api.md. Bodies are read as JSON trees so that every bad input gets its own code. */
@RestController
@RequestMapping(path = "/api/requests", produces = "application/json")
@Tag(name = "Rights requests", description = "File, verify, follow and withdraw a personal-information rights request")
public class RequestApiController {

    static final String TOKEN_HEADER = "X-Status-Token";
    private static final Set<String> REQUEST_FIELDS = Set.of("type", "accountEmail", "language", "details", "onBehalfOf");

    private final RequestIntakeService intake;
    private final RequestLifecycle lifecycle;
    private final IdentityVerificationService identity;
    private final AccountCancellationFulfilment cancellation;
    private final ClarificationService clarifications;

    public RequestApiController(RequestIntakeService intake, RequestLifecycle lifecycle,
                                IdentityVerificationService identity, AccountCancellationFulfilment cancellation,
                                ClarificationService clarifications) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.cancellation = cancellation;
        this.clarifications = clarifications;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "File a request", description = "Answers 201 with the reference and the status token "
            + "(shown once). The same Idempotency-Key with the same body within 24 hours returns the original answer. "
            + "429 RATE_LIMITED (with Retry-After) when this client address filed too often.")
    public ResponseEntity<ApiResponses.Filed> file(
            @RequestBody JsonNode body,
            @Parameter(description = "A random UUID, or 22 to 128 random base64url characters (at least 128 bits); "
                    + "kept 24 hours and bound to this body")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        IntakeCommand command = command(body);
        FilingReceipt filed = ConcurrentChangeRetry.run(() -> intake.file(command, idempotencyKey, http.getRemoteAddr()));
        RightsRequest r = filed.request();
        return ResponseEntity.created(URI.create("/api/requests/" + r.reference()))
                .body(new ApiResponses.Filed(r.reference(), r.status().name(), r.receivedAt(), r.dueAt(),
                        r.dueDateProvisional(), filed.statusToken()));
    }

    @GetMapping("/{reference}")
    @Operation(summary = "Status and history of a request (needs its status token)")
    public ApiResponses.Status status(@PathVariable String reference,
                                      @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        RequestLifecycle.RequestView view = lifecycle.view(reference, token);
        RightsRequest r = view.request();
        return new ApiResponses.Status(r.reference(), r.type().name(), r.status().name(), r.receivedAt(), r.dueAt(),
                r.dueDateProvisional(), view.history().stream().map(h -> new ApiResponses.HistoryEntry(h.status().name(), h.at())).toList(),
                r.outcome());
    }

    @PostMapping(path = "/{reference}/verification", consumes = "application/json")
    @Operation(summary = "Submit the one-time code", description = "422 with attemptsLeft for a wrong code, "
            + "423 once locked (intake staff then verify by hand).")
    public VerificationAnswer verify(@PathVariable String reference,
                                     @RequestHeader(name = TOKEN_HEADER, required = false) String token,
                                     @RequestBody JsonNode body) {
        String code = codeOf(body);
        VerificationOutcome outcome = ConcurrentChangeRetry.run(() -> identity.verify(reference, token, code));
        if (outcome instanceof VerificationOutcome.Verified v) {
            return new VerificationAnswer(v.status().name(), null);
        }
        if (outcome instanceof VerificationOutcome.FactorConfirmed f) {
            // level 2: the code was right for one channel; the answer names the ones still missing
            return new VerificationAnswer(f.status().name(), f.pendingFactors().stream().map(Enum::name).toList());
        }
        if (outcome instanceof VerificationOutcome.WrongCode w) {
            throw Problems.requester(422, "WRONG_CODE", "The code is wrong or has expired",
                    Map.of("attemptsLeft", w.attemptsLeft()));
        }
        if (outcome instanceof VerificationOutcome.NotAwaitingVerification n) {
            throw Problems.requester(409, "NOT_AWAITING_VERIFICATION", "The request is not waiting for a code",
                    Map.of("status", n.status().name()));
        }
        throw locked(((VerificationOutcome.Locked) outcome).reason());
    }

    /** 423: codes no longer count; {@code reason} says why (see {@link VerificationOutcome.Locked}). */
    private static ErrorResponseException locked(ManualVerificationReason reason) {
        String detail = switch (reason) {
            case ACCOUNT_WRONG_CODE_LIMIT -> "Too many wrong codes were entered for this account today: our staff will "
                    + "verify your identity by hand";
            case RELATIVE_OF_DECEASED -> "A close relative's request takes no code: our intake staff verify you by hand "
                    + "from the evidence you upload (POST /api/requests/{reference}/evidence)";
            case TOO_MANY_OPEN_REQUESTS -> "Other requests for this account are already waiting for verification, so no "
                    + "code was sent for this one: our staff will verify it with them";
            default -> "Too many wrong codes: our staff will contact you to verify your identity";
        };
        return Problems.requester(423, "VERIFICATION_LOCKED", detail, Map.of("reason", reason.name()));
    }

    @PostMapping("/{reference}/verification/resend")
    @Operation(summary = "Send new codes", description = "New codes to the contacts on file, superseding the "
            + "earlier ones; the wrong-code count is not reset. At most one per minute and three per request "
            + "(429 RESEND_LIMITED); 423 once locked.")
    public ApiResponses.StatusOnly resend(@PathVariable String reference,
                                          @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        ResendOutcome outcome = ConcurrentChangeRetry.run(() -> identity.resend(reference, token));
        if (outcome instanceof ResendOutcome.Resent r) {
            return new ApiResponses.StatusOnly(r.status().name());
        }
        if (outcome instanceof ResendOutcome.Limited l) {
            if (l.reason() == ResendOutcome.Limited.Reason.CONTACT_LIMIT) {
                throw Problems.requester(429, "CONTACT_MESSAGE_LIMIT", "Your contact on file has had as many messages from us "
                        + "as we send in an hour or a day; ask again later", Map.of("retryAfterSeconds", l.retryAfterSeconds()));
            }
            throw Problems.requester(429, "RESEND_LIMITED", l.retryAfterSeconds() > 0
                    ? "New codes were sent a moment ago; try again shortly"
                    : "No more new codes can be sent for this request", l.retryAfterSeconds() > 0
                    ? Map.of("retryAfterSeconds", l.retryAfterSeconds()) : Map.of());
        }
        if (outcome instanceof ResendOutcome.NotAwaitingVerification n) {
            throw Problems.requester(409, "NOT_AWAITING_VERIFICATION", "The request is not waiting for a code",
                    Map.of("status", n.status().name()));
        }
        throw locked(((ResendOutcome.Locked) outcome).reason());
    }

    /** The answer to a code: the status, and while level-2 factors are missing, which ones (EMAIL, SMS). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerificationAnswer(String status, List<String> pendingFactors) {
    }

    @PostMapping("/{reference}/withdrawal")
    @Operation(summary = "Withdraw the request (until fulfilment starts)")
    public ApiResponses.StatusOnly withdraw(@PathVariable String reference,
                                            @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        return new ApiResponses.StatusOnly(ConcurrentChangeRetry.run(() -> lifecycle.withdraw(reference, token)).name());
    }

    @PostMapping("/{reference}/cancellation-revocation")
    @Operation(summary = "Revoke an account cancellation (only during its cooling-off period, else 409)")
    public ApiResponses.StatusOnly revokeCancellation(@PathVariable String reference,
                                                      @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        return new ApiResponses.StatusOnly(
                ConcurrentChangeRetry.run(() -> cancellation.revoke(reference, token)).name());
    }

    @PostMapping(path = "/{reference}/clarification", consumes = "application/json")
    @Operation(summary = "Answer a clarification we asked for", description = "Body {\"answer\": \"...\"} (at most "
            + ClarificationService.MAX_ANSWER + " characters). The clock runs again from the answer; 409 "
            + "NO_CLARIFICATION_PENDING when nothing was asked or the answer has already reached us. The answer is "
            + "read by our staff only and never repeated in an email.")
    public ApiResponses.StatusOnly answerClarification(@PathVariable String reference,
                                                       @RequestHeader(name = TOKEN_HEADER, required = false) String token,
                                                       @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("MALFORMED_JSON", "The body must be a JSON object");
        }
        onlyFields(body, Set.of("answer"));
        String answer = text(body, "answer", "INVALID_ANSWER");
        return new ApiResponses.StatusOnly(
                ConcurrentChangeRetry.run(() -> clarifications.answer(reference, token, answer)).name());
    }

    private static IntakeCommand command(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("MALFORMED_JSON", "The body must be a JSON object");
        }
        onlyFields(body, REQUEST_FIELDS);
        JsonNode onBehalfOf = onBehalfOf(body.get("onBehalfOf"));
        return new IntakeCommand(text(body, "type", "UNKNOWN_TYPE"), text(body, "accountEmail", "INVALID_EMAIL"),
                text(body, "language", "INVALID_LANGUAGE"), body.get("details"),
                onBehalfOf == null ? null : text(onBehalfOf, "relationship", "INVALID_ON_BEHALF_OF"),
                onBehalfOf == null ? null : text(onBehalfOf, "contactEmail", "INVALID_ON_BEHALF_OF"));
    }

    /**
     * {@code onBehalfOf: {"relationship": ..., "contactEmail"?}}, a filing on someone else's behalf; null for the
     * holder's own. (The contact is a relative's own address; intake checks whether it is needed.)
     */
    private static JsonNode onBehalfOf(JsonNode onBehalfOf) {
        if (onBehalfOf == null || onBehalfOf.isNull()) {
            return null;
        }
        if (!onBehalfOf.isObject()) {
            throw new InvalidRequestException("INVALID_ON_BEHALF_OF", "onBehalfOf must be an object");
        }
        onlyFields(onBehalfOf, Set.of("relationship", "contactEmail"));
        if (text(onBehalfOf, "relationship", "INVALID_ON_BEHALF_OF") == null) {
            throw new InvalidRequestException("INVALID_ON_BEHALF_OF", "onBehalfOf.relationship is required");
        }
        return onBehalfOf;
    }

    private static String codeOf(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("MALFORMED_JSON", "The body must be a JSON object");
        }
        onlyFields(body, Set.of("code"));
        return text(body, "code", "INVALID_CODE_FORMAT");
    }

    private static void onlyFields(JsonNode body, Set<String> allowed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String shown = name.replaceAll("\\p{Cntrl}", "?");
                throw new InvalidRequestException("UNKNOWN_FIELD",
                        "Unknown field: " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
            }
        }
    }

    /** A string field, or null when absent; any other JSON type is the field's own error. */
    private static String text(JsonNode body, String field, String codeIfWrongType) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(codeIfWrongType, field + " must be a string");
        }
        return value.asText();
    }
}
