package org.rightsflow.web.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.fulfilment.correction.CorrectionChoices;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.notice.ComplaintChannels;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.identity.ManualVerificationReason;
import org.rightsflow.identity.ResendOutcome;
import org.rightsflow.identity.VerificationOutcome;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.request.ClarificationService;
import org.rightsflow.request.ClarificationTopic;
import org.rightsflow.request.FiledAs;
import org.rightsflow.request.FilingReceipt;
import org.rightsflow.request.IntakeCommand;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RateLimitedException;
import org.rightsflow.request.RequestDetailsValidator;
import org.rightsflow.request.RequestIntakeService;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.request.StatusLinks;
import org.rightsflow.web.ConcurrentChangeRetry;
import org.rightsflow.web.PageLanguages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Privacy Center (docs/lifecycle.md, docs/api.md): server-rendered pages over the same services as the requester API
 * (intake, identity verification, lifecycle) — no second path to the data. The status token lives only in an
 * HttpOnly, SameSite=Strict cookie ({@link StatusCookies}); references appear in URLs, tokens never do.
 */
@Controller
public class PrivacyCenterController {

    // The choices offered, in the order of the vocabulary the API's validation uses (RequestDetailsValidator).
    static final List<String> DELETION_GROUNDS = List.copyOf(RequestDetailsValidator.DELETION_GROUNDS);
    static final List<String> CATEGORIES = List.copyOf(RequestDetailsValidator.DATA_CATEGORIES);
    static final List<String> PURPOSES = List.copyOf(RequestDetailsValidator.CONSENT_PURPOSES);
    static final List<String> EXPLAIN_TOPICS = List.copyOf(RequestDetailsValidator.EXPLAIN_TOPICS);
    /** The value of the confirmation pages' "yes": an action that cannot be undone needs it. */
    static final String CONFIRMED = "yes";

    private final RequestIntakeService intake;
    private final RequestLifecycle lifecycle;
    private final IdentityVerificationService identity;
    private final ComplaintChannels complaints;
    private final ClarificationService clarifications;
    private final RequestFormCheck formCheck;
    private final CorrectionChoices correctionChoices;
    private final AccountCancellationFulfilment cancellation;
    private final DownloadService downloads;
    private final LocaleResolver localeResolver;
    private final StatusLinks statusLinks;
    private final RequesterContacts contacts;
    private final MessageSource messages;
    private final ObjectMapper json = new ObjectMapper();

    public PrivacyCenterController(RequestIntakeService intake, RequestLifecycle lifecycle,
                                   IdentityVerificationService identity, ComplaintChannels complaints,
                                   ClarificationService clarifications, RequestFormCheck formCheck,
                                   CorrectionChoices correctionChoices, AccountCancellationFulfilment cancellation,
                                   DownloadService downloads, LocaleResolver localeResolver, StatusLinks statusLinks,
                                   RequesterContacts contacts, MessageSource messages) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.complaints = complaints;
        this.clarifications = clarifications;
        this.formCheck = formCheck;
        this.correctionChoices = correctionChoices;
        this.cancellation = cancellation;
        this.downloads = downloads;
        this.localeResolver = localeResolver;
        this.statusLinks = statusLinks;
        this.contacts = contacts;
        this.messages = messages;
    }

    /**
     * What every page needs: its own path (for the language switch), the complaint channels, and the wording for the
     * account holder (a page about a guardian's or a close relative's request replaces it, {@link #wordFor}).
     */
    @ModelAttribute
    void common(HttpServletRequest request, Locale locale, Model model) {
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("language", PageLanguages.languageOf(locale));
        model.addAttribute("complaintChannel", complaints.inOneLine(PageLanguages.languageOf(locale)));
        model.addAttribute("wording", new PageWording(PageWording.Reader.HOLDER, messages));
    }

    @GetMapping("/")
    public String root() {
        return "redirect:/privacy";
    }

    @GetMapping("/privacy")
    public String home(Model model) {
        model.addAttribute("rights", Arrays.stream(RequestType.values()).map(Enum::name).toList());
        return "privacy/home";
    }

    /**
     * A request form. It carries this browser's key for the form ({@link FormKeys}): shown again by the back button
     * or a reload, it files nothing twice. {@code ?new} starts a fresh form after a filing.
     */
    @GetMapping("/privacy/request/{type}")
    public String form(@PathVariable String type, @RequestParam(name = "new", required = false) String fresh,
                       HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        RequestType right = RequestType.fromCode(type).orElseThrow(PageNotFound::new);
        String key = FormKeys.keyFor(request, response, right, fresh != null);
        if (fresh == null) {
            FormKeys.filedReference(request).ifPresent(reference -> model.addAttribute("alreadyFiled", reference));
        }
        return renderForm(right, null, new RequestForm(), key, locale, model);
    }

    /**
     * How a request form is bound: only the form's inputs, by their names as the page sends them (no field markers or
     * defaults), checked by the constraints every form has and by the rules of the right in the path.
     */
    @InitBinder("values")
    void requestForm(WebDataBinder binder, @PathVariable(required = false) String type) {
        binder.setAllowedFields(RequestForm.INPUTS.toArray(String[]::new));
        binder.setFieldMarkerPrefix(null);
        binder.setFieldDefaultPrefix(null);
        RequestType.fromCode(type).ifPresent(right -> binder.addValidators(formCheck.of(right)));
    }

    @PostMapping(path = "/privacy/request/{type}", consumes = "application/x-www-form-urlencoded")
    public String file(@PathVariable String type, @Valid @ModelAttribute("values") RequestForm values,
                       BindingResult binding, @RequestParam(required = false) String idempotencyKey, Locale locale,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        RequestType right = RequestType.fromCode(type).orElseThrow(PageNotFound::new);
        if (binding.hasErrors()) {
            // shown again with everything typed, each problem naming its field; nothing was filed
            FieldProblems problems = FieldProblems.of(binding, messages, locale);
            response.setStatus(422);
            model.addAttribute("problems", problems.list());
            model.addAttribute("fieldErrors", problems.byField());
            return renderForm(right, null, values, idempotencyKey, locale, model);
        }
        try {
            IntakeCommand command = new IntakeCommand(right.name(), values.getAccountEmail(),
                    PageLanguages.languageOf(locale), details(right, values),
                    "ACCOUNT_HOLDER".equals(values.getFiledAs()) ? null : values.getFiledAs(),
                    "CLOSE_RELATIVE_OF_DECEASED".equals(values.getFiledAs()) ? values.getRelativeContactEmail() : null);
            FilingReceipt filed = ConcurrentChangeRetry.run(
                    () -> intake.file(command, idempotencyKey, request.getRemoteAddr()));
            StatusCookies.remember(request, response, filed.request().reference(), filed.statusToken());
            FormKeys.filed(request, response, right, idempotencyKey, filed.request().reference());
            return "redirect:/privacy/status/" + filed.request().reference() + "/verify";
        } catch (RateLimitedException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            model.addAttribute("retryMinutes", Math.max(1, (e.retryAfterSeconds() + 59) / 60));
            return renderForm(right, "RATE_LIMITED", values, idempotencyKey, locale, model);
        } catch (InvalidRequestException e) {
            boolean keyProblem = e.code().contains("IDEMPOTENCY");
            return renderForm(right, e.code(), values, keyProblem ? UUID.randomUUID().toString() : idempotencyKey,
                    locale, model);
        }
    }

    @GetMapping("/privacy/status/{reference}/verify")
    public String verifyPage(@PathVariable String reference, HttpServletRequest request, Model model) {
        RightsRequest r = lifecycle.view(reference, StatusCookies.tokenFor(request, reference)).request();
        if (r.status() != RequestStatus.RECEIVED && r.status() != RequestStatus.AWAITING_VERIFICATION) {
            return "redirect:/privacy/status/" + r.reference(); // verified (or closed): nothing to enter any more
        }
        model.addAttribute("reference", r.reference());
        model.addAttribute("statusKey", StatusCookies.tokenFor(request, reference));
        wordFor(r, model);
        // why no code came, where a limit says so (counted by the email as filed: it tells nothing about the account)
        IdentityVerificationService.CodeDelivery delivery = identity.codeDelivery(r.id());
        delivery.heldBackUntil().ifPresent(until -> model.addAttribute("heldBackUntil", NoticeFormats.dateTime(until)));
        channels(r.id(), model);
        return "privacy/verify";
    }

    @PostMapping(path = "/privacy/status/{reference}/verify", consumes = "application/x-www-form-urlencoded")
    public String verify(@PathVariable String reference, @RequestParam(defaultValue = "") String code,
                         HttpServletRequest request, Model model) {
        String token = StatusCookies.tokenFor(request, reference);
        model.addAttribute("reference", reference);
        model.addAttribute("statusKey", token);
        String view = verified(reference, token, code, model);
        if (!view.startsWith("redirect:")) {
            // which code the page asks for next, and whether codes still count, as they are after this attempt
            lifecycleRequest(reference, token).ifPresent(r -> {
                channels(r.id(), model);
                wordFor(r, model);
            });
        }
        return view;
    }

    private String verified(String reference, String token, String code, Model model) {
        VerificationOutcome outcome;
        try {
            outcome = ConcurrentChangeRetry.run(() -> identity.verify(reference, token, code.trim()));
        } catch (InvalidRequestException e) {
            model.addAttribute("errorCode", e.code());
            return "privacy/verify";
        }
        if (outcome instanceof VerificationOutcome.WrongCode wrong) {
            model.addAttribute("errorCode", "WRONG_CODE");
            model.addAttribute("attemptsLeft", wrong.attemptsLeft());
            return "privacy/verify";
        }
        if (outcome instanceof VerificationOutcome.Locked locked) {
            model.addAttribute("errorCode", lockedCode(locked.reason()));
            return "privacy/verify";
        }
        if (outcome instanceof VerificationOutcome.FactorConfirmed confirmed) {
            // Level 2: one code accepted, the other (usually the text message) still to come.
            model.addAttribute("pendingFactors", confirmed.pendingFactors().stream().map(Enum::name).toList());
            return "privacy/verify";
        }
        return "redirect:/privacy/status/" + reference;
    }

    /** New codes, within the resend limits; the same answer whether or not the account exists. */
    @PostMapping(path = "/privacy/status/{reference}/verify/resend", consumes = "application/x-www-form-urlencoded")
    public String resend(@PathVariable String reference, HttpServletRequest request, Model model) {
        String token = StatusCookies.tokenFor(request, reference);
        model.addAttribute("reference", reference);
        model.addAttribute("statusKey", token);
        ResendOutcome outcome = ConcurrentChangeRetry.run(() -> identity.resend(reference, token));
        if (outcome instanceof ResendOutcome.Limited limited
                && limited.reason() == ResendOutcome.Limited.Reason.CONTACT_LIMIT) {
            model.addAttribute("errorCode", "CONTACT_MESSAGE_LIMIT");
            model.addAttribute("retryAt", NoticeFormats.dateTime(java.time.Instant.now()
                    .plusSeconds(limited.retryAfterSeconds())));
        } else if (outcome instanceof ResendOutcome.Limited) {
            model.addAttribute("errorCode", "RESEND_LIMITED");
        } else if (outcome instanceof ResendOutcome.Locked locked) {
            model.addAttribute("errorCode", lockedCode(locked.reason()));
        } else if (outcome instanceof ResendOutcome.NotAwaitingVerification) {
            model.addAttribute("errorCode", "NOT_AWAITING_VERIFICATION");
        } else {
            model.addAttribute("resent", true);
        }
        lifecycleRequest(reference, token).ifPresent(r -> {
            channels(r.id(), model);
            wordFor(r, model);
        });
        return "privacy/verify";
    }

    @GetMapping("/privacy/status")
    public String lookupPage(Model model) {
        return "privacy/lookup";
    }

    /** Following a request from another browser: reference and key in a POST body, then kept in the cookie. */
    @PostMapping(path = "/privacy/status", consumes = "application/x-www-form-urlencoded")
    public String lookup(@RequestParam(defaultValue = "") String reference, @RequestParam(defaultValue = "") String key,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        String ref = reference.trim().toUpperCase(Locale.ROOT);
        try {
            lifecycle.view(ref, key.trim());
        } catch (RequestNotFoundException e) {
            model.addAttribute("reference", ref);
            model.addAttribute("errorCode", "REQUEST_NOT_FOUND");
            return "privacy/lookup";
        }
        StatusCookies.remember(request, response, ref, key.trim());
        return "redirect:/privacy/status/" + ref;
    }

    /**
     * The link in the emails to the address on file: opens the status page on this device without the status key
     * (the link's token stands for it, {@link StatusLinks}), then drops the token from the address bar.
     */
    @GetMapping("/privacy/status/{reference}/open/{linkToken}")
    public String openFromEmail(@PathVariable String reference, @PathVariable String linkToken,
                                HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> token = statusLinks.statusTokenFor(reference, linkToken);
        if (token.isEmpty()) {
            throw new RequestNotFoundException();
        }
        StatusCookies.remember(request, response, reference, token.get());
        return "redirect:/privacy/status/" + reference;
    }

    @GetMapping("/privacy/status/{reference}")
    public String status(@PathVariable String reference, HttpServletRequest request, Locale locale, Model model) {
        RequestLifecycle.RequestView view = lifecycle.view(reference, StatusCookies.tokenFor(request, reference));
        RightsRequest r = view.request();
        model.addAttribute("reference", r.reference());
        model.addAttribute("type", r.type().name());
        model.addAttribute("status", r.status().name());
        wordFor(r, model);
        model.addAttribute("receivedAt", NoticeFormats.dateTime(r.receivedAt()));
        model.addAttribute("dueAt", NoticeFormats.dateTime(r.dueAt()));
        model.addAttribute("history", view.history().stream()
                .map(h -> new HistoryLine(h.status().name(), NoticeFormats.dateTime(h.at()))).toList());
        String situation = situation(r);
        model.addAttribute("situation", situation);
        identity.codeDelivery(r.id()).staffVerifies().ifPresent(reason -> model.addAttribute("staffVerifies", reason.name()));
        model.addAttribute("awaitingCode", "CODES".equals(situation));
        model.addAttribute("coolingOffEnds", cancellation.coolingOffEnds(r.id()).map(NoticeFormats::dateTime).orElse(""));
        model.addAttribute("withdrawable", r.status().allowsWithdrawal());
        model.addAttribute("revocable", revocable(r));
        model.addAttribute("terminal", r.status().isTerminal());
        // A clarification we asked for: what is needed, in the page's language, and a form for the answer.
        clarifications.open(r.id()).filter(c -> r.status() == RequestStatus.WAITING_FOR_REQUESTER).ifPresent(c -> {
            model.addAttribute("clarificationTopics",
                    ClarificationTopic.describe(c.topics(), PageLanguages.languageOf(locale)));
            model.addAttribute("clarificationAnswerBy",
                    NoticeFormats.dateTime(c.askedAt().plus(ClarificationService.WINDOW)));
        });
        if (!model.containsAttribute("answer")) {
            model.addAttribute("answer", "");
        }
        model.addAttribute("maxAnswer", ClarificationService.MAX_ANSWER);
        return "privacy/status";
    }

    /** The answer to a clarification: stored for our staff only, and the clock runs again. */
    @PostMapping(path = "/privacy/status/{reference}/clarification", consumes = "application/x-www-form-urlencoded")
    public String answerClarification(@PathVariable String reference, @RequestParam(defaultValue = "") String answer,
                                      HttpServletRequest request, Locale locale, Model model,
                                      RedirectAttributes redirect) {
        try {
            ConcurrentChangeRetry.run(() -> clarifications.answer(reference, StatusCookies.tokenFor(request, reference), answer));
        } catch (InvalidRequestException e) {
            // show the page again with what was typed (this response only), and what is wrong with it
            model.addAttribute("errorCode", e.code());
            model.addAttribute("answer", answer);
            return status(reference, request, locale, model);
        }
        redirect.addFlashAttribute("notice", "status.clarification.received");
        return "redirect:/privacy/status/" + reference;
    }

    /** Withdrawing cannot be undone: the status page's button leads here, and only this page's "yes" withdraws. */
    @GetMapping("/privacy/status/{reference}/withdrawal")
    public String confirmWithdrawal(@PathVariable String reference, HttpServletRequest request, Model model) {
        RightsRequest r = lifecycle.view(reference, StatusCookies.tokenFor(request, reference)).request();
        if (!r.status().allowsWithdrawal()) {
            return "redirect:/privacy/status/" + r.reference();
        }
        return confirmPage(r, "withdrawal", model);
    }

    @PostMapping("/privacy/status/{reference}/withdrawal")
    public String withdraw(@PathVariable String reference, @RequestParam(defaultValue = "") String confirm,
                           HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!CONFIRMED.equals(confirm)) {
            return "redirect:/privacy/status/" + reference + "/withdrawal";
        }
        ConcurrentChangeRetry.run(() -> lifecycle.withdraw(reference, StatusCookies.tokenFor(request, reference)));
        redirect.addFlashAttribute("notice", "status.withdrawn");
        return "redirect:/privacy/status/" + reference;
    }

    /** An account cancellation in its cooling-off period can be revoked: asked once more, then done. */
    @GetMapping("/privacy/status/{reference}/cancellation-revocation")
    public String confirmRevocation(@PathVariable String reference, HttpServletRequest request, Model model) {
        RightsRequest r = lifecycle.view(reference, StatusCookies.tokenFor(request, reference)).request();
        if (!revocable(r)) {
            return "redirect:/privacy/status/" + r.reference();
        }
        return confirmPage(r, "revocation", model);
    }

    @PostMapping("/privacy/status/{reference}/cancellation-revocation")
    public String revoke(@PathVariable String reference, @RequestParam(defaultValue = "") String confirm,
                         HttpServletRequest request, RedirectAttributes redirect) {
        if (!CONFIRMED.equals(confirm)) {
            return "redirect:/privacy/status/" + reference + "/cancellation-revocation";
        }
        ConcurrentChangeRetry.run(() -> cancellation.revoke(reference, StatusCookies.tokenFor(request, reference)));
        redirect.addFlashAttribute("notice", "status.revoked");
        return "redirect:/privacy/status/" + reference;
    }

    /**
     * Where the request stands as the requester needs to know it (docs/privacy-center.md): the status, refined where
     * one status covers different situations — codes to enter or our staff verifying; waiting on an answer, on bills
     * to be settled, or on nothing at all during a cancellation's cooling-off period.
     */
    private String situation(RightsRequest r) {
        return switch (r.status()) {
            case RECEIVED, AWAITING_VERIFICATION ->
                    identity.codeDelivery(r.id()).staffVerifies().isPresent() ? "STAFF_VERIFIES" : "CODES";
            case WAITING_FOR_REQUESTER -> {
                if (clarifications.open(r.id()).isPresent()) {
                    yield "CLARIFICATION";
                }
                String phase = r.type() == RequestType.CANCEL_ACCOUNT ? cancellation.phase(r.id()).orElse("") : "";
                yield "BLOCKED".equals(phase) ? "CANCELLATION_BLOCKED"
                        : "COOLING_OFF".equals(phase) ? "COOLING_OFF" : "WAITING";
            }
            default -> r.status().name();
        };
    }

    private boolean revocable(RightsRequest r) {
        return r.type() == RequestType.CANCEL_ACCOUNT && r.status() == RequestStatus.WAITING_FOR_REQUESTER
                && cancellation.phase(r.id()).filter("COOLING_OFF"::equals).isPresent();
    }

    private String confirmPage(RightsRequest r, String action, Model model) {
        wordFor(r, model);
        model.addAttribute("reference", r.reference());
        model.addAttribute("type", r.type().name());
        model.addAttribute("action", action);
        return "privacy/confirm";
    }

    /**
     * Words the page for whoever files: a close relative of a deceased holder or a minor's guardian as the filing
     * says (this repeats only what the filer stated), and a guardian too once the request is verified and the codes
     * went to the guardian on file (every request about a child under 14's account is the guardian's, whatever the
     * filing said). Before verification nothing found in the account may change a page: it would tell an impostor
     * about the account.
     */
    private void wordFor(RightsRequest r, Model model) {
        PageWording.Reader reader = r.filedAs() == FiledAs.CLOSE_RELATIVE_OF_DECEASED ? PageWording.Reader.RELATIVE
                : r.filedAs() == FiledAs.GUARDIAN || (r.verifiedAt() != null && contacts.onFileIncludingDeactivated(r)
                .map(RequesterContacts.Contact::guardian).orElse(false)) ? PageWording.Reader.GUARDIAN
                : PageWording.Reader.HOLDER;
        model.addAttribute("wording", new PageWording(reader, messages));
    }

    /** Who reads a page reached through an email's link: whoever the notices reach. */
    private static PageWording.Reader readerOf(Optional<RequesterContacts.Contact> recipient) {
        return recipient.map(c -> c.relative() ? PageWording.Reader.RELATIVE
                : c.guardian() ? PageWording.Reader.GUARDIAN : PageWording.Reader.HOLDER).orElse(PageWording.Reader.HOLDER);
    }

    /**
     * What the verification page asks for: the codes still to enter (the email's, the text message's, or either of
     * both first), or, when codes no longer count or were never sent, why our staff verify instead (no code box then).
     */
    private void channels(String requestId, Model model) {
        // Only the reasons that say nothing about the account (limits counted on what was typed): a reason found in
        // the account (a recently changed contact, no phone on file) would tell an impostor that the account exists.
        Optional<ManualVerificationReason> staff = identity.codeDelivery(requestId).staffVerifies();
        if (staff.isPresent()) {
            model.addAttribute("staffVerifies", staff.get().name());
            return;
        }
        List<String> toEnter = identity.codesStillToEnter(requestId).stream().map(Enum::name).toList();
        model.addAttribute("codeChannel", toEnter.size() > 1 ? "EITHER" : toEnter.isEmpty() ? "EMAIL" : toEnter.get(0));
    }

    private Optional<RightsRequest> lifecycleRequest(String reference, String token) {
        try {
            return Optional.of(lifecycle.view(reference, token).request());
        } catch (RequestNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The message for a request whose codes no longer count: too many wrong codes (request or account), or none sent. */
    private static String lockedCode(ManualVerificationReason reason) {
        return switch (reason) {
            case ACCOUNT_WRONG_CODE_LIMIT, TOO_MANY_OPEN_REQUESTS, RELATIVE_OF_DECEASED -> reason.name();
            default -> "VERIFICATION_LOCKED";
        };
    }

    /**
     * The page behind a result link (the emails link here, not to the file): what the file is, how many uses and how
     * long remain, and a button that fetches it — only the person's click spends a use, never showing this page (a
     * mail scanner opening the link, a HEAD). A link that no longer works gets a page saying why and what to do next.
     * The page speaks the request's language unless the person chose one with {@code ?lang}.
     */
    @GetMapping("/privacy/downloads/{token}")
    public String download(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                           Model model) {
        if (!token.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new PageNotFound();
        }
        Optional<DownloadService.LinkState> found = downloads.linkState(token);
        if (found.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("linkUnknown", true);
            return "privacy/download";
        }
        DownloadService.LinkState link = found.get();
        if (!"TRANSFER_PACKAGE".equals(link.kind())) {
            // the link reached whoever the notices reach: the holder, a minor's guardian or a deceased's relative
            model.addAttribute("wording", new PageWording(readerOf(contacts.noticesReach(link.reference())),
                    messages));
        }
        if (PageLanguages.supported(request.getParameter("lang")) == null) {
            Locale requestLanguage = Locale.forLanguageTag(link.language());
            localeResolver.setLocale(request, response, requestLanguage);
            model.addAttribute("language", PageLanguages.languageOf(requestLanguage));
            model.addAttribute("complaintChannel", complaints.inOneLine(PageLanguages.languageOf(requestLanguage)));
        }
        model.addAttribute("link", link);
        model.addAttribute("reference", link.reference());
        model.addAttribute("requestType", link.requestType());
        model.addAttribute("expiresAt", NoticeFormats.dateTime(link.expiresAt()));
        model.addAttribute("fileSize", readableSize(link.size()));
        if (link.gone() != null) {
            response.setStatus(410);
            model.addAttribute("gone", link.gone().name());
            return "privacy/download";
        }
        model.addAttribute("downloadHref", "/api/downloads/" + token);
        return "privacy/download";
    }

    /** 1536 → "1.5 KB": how big the file is, for someone deciding whether to download it on a phone. */
    static String readableSize(long bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(Locale.ROOT, "%.1f KB", kb) : String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }

    private String renderForm(RequestType right, String errorCode, RequestForm values, String idempotencyKey,
                              Locale locale, Model model) {
        model.addAttribute("type", right.name());
        model.addAttribute("errorCode", errorCode);
        model.addAttribute("values", values);
        model.addAttribute("idempotencyKey", idempotencyKey);
        model.addAttribute("grounds", DELETION_GROUNDS);
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute("purposes", PURPOSES);
        if (right == RequestType.CORRECT) {
            List<RequestFormCheck.CorrectionOption> options = formCheck.options(locale);
            model.addAttribute("correctionGroups", CATEGORIES.stream()
                    .map(c -> new CorrectionGroup(c, options.stream().filter(o -> o.category().equals(c)).toList()))
                    .filter(g -> !g.options().isEmpty()).toList());
            List<CorrectionRow> rows = new ArrayList<>();
            for (int i = 0; i < RequestForm.CORRECTION_ROWS; i++) {
                String chosen = values.getFields().get(i);
                rows.add(new CorrectionRow(i, chosen, values.getCorrectedValues().get(i),
                        options.stream().filter(o -> o.name().equals(chosen)).findFirst().orElse(null)));
            }
            model.addAttribute("correctionRows", rows);
        }
        model.addAttribute("limits", java.util.Map.of("accountEmail", RequestForm.MAX_EMAIL,
                "recipientName", RequestForm.MAX_RECIPIENT_NAME));
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", java.util.Map.of());
        }
        model.addAttribute("topics", EXPLAIN_TOPICS);
        model.addAttribute("maxQuestionLength", RequestDetailsValidator.MAX_QUESTION_LENGTH);
        return "privacy/form";
    }

    /** The {@code details} object of docs/api.md from the form's fields; the intake service validates it. */
    private ObjectNode details(RequestType right, RequestForm v) {
        ObjectNode details = json.createObjectNode();
        switch (right) {
            case TRANSFER -> {
                details.put("recipientName", v.getRecipientName());
                details.put("recipientEmail", v.getRecipientEmail());
            }
            case DELETE -> {
                if (v.getGround() != null && !v.getGround().isBlank()) {
                    details.put("ground", v.getGround());
                }
                codes(details, "categories", v.getCategories());
            }
            case CORRECT -> {
                ArrayNode list = details.putArray("corrections");
                for (int i = 0; i < RequestForm.CORRECTION_ROWS; i++) {
                    String field = v.getFields().get(i).trim();
                    String value = correctionChoices.normalise(field, v.getCorrectedValues().get(i));
                    if (!field.isEmpty() || !value.isBlank()) {
                        list.addObject().put("field", field).put("value", value);
                    }
                }
            }
            case WITHDRAW_CONSENT -> {
                ArrayNode list = details.putArray("purposes");
                v.getPurposes().forEach(list::add);
            }
            case RESTRICT -> {
                if (v.lifts()) {
                    details.put("lift", true);
                    details.put("reference", v.getLiftReference().strip());
                    return details;
                }
                codes(details, "categories", v.getCategories());
                codes(details, "purposes", v.getPurposes());
                if (v.getUntil() != null) {
                    details.put("until", v.getUntil().toString());
                }
                return details.isEmpty() ? null : details;
            }
            case EXPLAIN -> {
                details.put("question", v.getQuestion());
                codes(details, "topics", v.getTopics());
            }
            default -> {
                return null;
            }
        }
        return details;
    }

    /** An optional list of codes: left out when none is chosen. */
    private static void codes(ObjectNode details, String name, List<String> chosen) {
        if (!chosen.isEmpty()) {
            ArrayNode list = details.putArray(name);
            chosen.forEach(list::add);
        }
    }

    public record HistoryLine(String status, String at) {
    }

    /** The correctable fields of one data category, for one group of the form's choice. */
    public record CorrectionGroup(String category, List<RequestFormCheck.CorrectionOption> options) {
    }

    /** One row of the correction form: the field chosen (if any), what was typed, and how to ask for it. */
    public record CorrectionRow(int index, String field, String value, RequestFormCheck.CorrectionOption option) {

        /** The input's type for the chosen field's kind of value; plain text until a field is chosen. */
        public String getHtmlType() {
            if (option == null) {
                return "text";
            }
            return switch (option.input()) {
                case "DATE" -> "date";
                case "PHONE" -> "tel";
                case "EMAIL" -> "email";
                default -> "text";
            };
        }

        public int getLimit() {
            return option == null ? CorrectionChoices.MAX_VALUE_LENGTH : option.maxLength();
        }
    }

    /** An unknown right or malformed link: the page's own 404. */
    static class PageNotFound extends RuntimeException {
        PageNotFound() {
            super("not found");
        }
    }
}
