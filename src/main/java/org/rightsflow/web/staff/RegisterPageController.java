package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rightsflow.fulfilment.systems.SystemStepNotices;
import org.rightsflow.operations.Filters;
import org.rightsflow.operations.InvalidFilterException;
import org.rightsflow.operations.register.RegisterFilter;
import org.rightsflow.operations.register.RegisterPage;
import org.rightsflow.operations.register.RequestRegister;
import org.rightsflow.operations.timeline.RequestTimelines;
import org.rightsflow.operations.timeline.RequesterData;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequestStateConflictException;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.review.ReviewReferrals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The request register ({@code /staff/requests}) and one page per request with its whole timeline
 * ({@code /staff/requests/{reference}}), for the groups of {@link StaffAccess#READ_REGISTER}. A search by account
 * email is posted, kept in the session under a random key and the URL carries only that key: an email never appears
 * in a URL, a log line or the browser's history. Privacy officers act on the clock from the request's page.
 */
@Controller
@StaffPage
public class RegisterPageController {

    static final String LOOKUPS = "rf_staff_lookups";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REASON = 1000;

    private final StaffAuthentication authentication;
    private final RequestRegister register;
    private final RequestTimelines timelines;
    private final RequesterData requesterData;
    private final RequestLifecycle lifecycle;
    private final ReviewReferrals referrals;

    private final SystemStepNotices systemSteps;

    public RegisterPageController(StaffAuthentication authentication, RequestRegister register,
                                  RequestTimelines timelines, RequesterData requesterData, RequestLifecycle lifecycle,
                                  ReviewReferrals referrals, SystemStepNotices systemSteps) {
        this.systemSteps = systemSteps;
        this.authentication = authentication;
        this.register = register;
        this.timelines = timelines;
        this.requesterData = requesterData;
        this.lifecycle = lifecycle;
        this.referrals = referrals;
    }

    @GetMapping({"/staff", "/staff/"})
    public String home(HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        return "redirect:/staff/dashboard";
    }

    @GetMapping("/staff/requests")
    public String list(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Locale locale,
                       Model model) {
        StaffUser user = authentication.require(request, StaffAccess.READ_REGISTER);
        StaffPages.common(request, locale, model, user);
        Map<String, List<String>> parameters = parameters(request);
        model.addAttribute("query", parameters);
        model.addAttribute("types", Arrays.stream(RequestType.values()).map(Enum::name).toList());
        model.addAttribute("statuses", Arrays.stream(RequestStatus.values()).map(Enum::name).toList());
        String account = Filters.trimmed(request.getParameter("account"));
        String email = account == null ? null : lookups(request).get(account);
        model.addAttribute("account", email == null ? null : account);
        model.addAttribute("accountLookupExpired", account != null && email == null);
        if (account != null && email == null) {
            return "staff/register"; // an unknown key (another session, expired): search again rather than show all
        }
        try {
            RegisterPage page = register.search(RegisterFilter.parse(parameters, email));
            model.addAttribute("page", page);
            model.addAttribute("previousUrl", pageUrl(request, page.filter().page() - 1));
            model.addAttribute("nextUrl", pageUrl(request, page.filter().page() + 1));
        } catch (InvalidFilterException e) {
            // the form stays as it was typed, with the message beside it
            response.setStatus(400);
            model.addAttribute("filterError", e);
        }
        return "staff/register";
    }

    /** The account search: the email stays in the session; the URL gets a key valid for this session only. */
    @PostMapping("/staff/requests/lookup")
    public String lookup(@RequestParam(required = false) String accountEmail, HttpServletRequest request,
                         RedirectAttributes redirect) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        StaffCsrf.require(request);
        String email = Filters.trimmed(accountEmail);
        if (email == null) {
            return "redirect:/staff/requests";
        }
        RegisterFilter.parse(Map.of(), email); // validates it (400 on the page when it is not an email)
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, String> lookups = lookups(request);
        if (lookups.size() >= 20) {
            lookups.remove(lookups.keySet().iterator().next());
        }
        lookups.put(key, email);
        request.getSession().setAttribute(LOOKUPS, lookups);
        redirect.addAttribute("account", key);
        return "redirect:/staff/requests";
    }

    @GetMapping("/staff/requests/{reference}")
    public String request(@PathVariable String reference, HttpServletRequest request, Locale locale, Model model) {
        StaffUser user = authentication.require(request, StaffAccess.READ_REGISTER);
        return timeline(reference, user, request, locale, model);
    }

    /** Shows the unmasked values to the one group that decides on them; each view is audited. */
    @PostMapping("/staff/requests/{reference}/reveal")
    public String reveal(@PathVariable String reference, @RequestParam(required = false) String what,
                         HttpServletRequest request, Locale locale, Model model) {
        StaffUser user = authentication.require(request, StaffAccess.READ_REGISTER);
        StaffCsrf.require(request);
        if ("values".equals(what)) {
            if (!user.may(StaffAccess.REQUESTER_VALUES)) {
                throw StaffProblems.forbidden(StaffAccess.REQUESTER_VALUES);
            }
            model.addAttribute("typedValues", requesterData.typedValues(reference, user.id()));
        } else if ("contacts".equals(what)) {
            if (!user.may(StaffAccess.CONTACTS_ON_FILE)) {
                throw StaffProblems.forbidden(StaffAccess.CONTACTS_ON_FILE);
            }
            model.addAttribute("contacts", requesterData.contacts(reference, user.id()));
        } else {
            throw new InvalidFilterException("BAD_REVEAL", "what", "what must be values or contacts");
        }
        return timeline(reference, user, request, locale, model);
    }

    /** Extend, pause or resume the clock (privacy officers), with a reason; the result shows on the page. */
    @PostMapping("/staff/requests/{reference}/clock")
    public String clock(@PathVariable String reference, @RequestParam(required = false) String action,
                        @RequestParam(required = false) String reason, HttpServletRequest request,
                        RedirectAttributes redirect) {
        StaffUser user = authentication.require(request, StaffAccess.ACT_ON_REQUEST);
        StaffCsrf.require(request);
        String text = Filters.trimmed(reason);
        if (text != null && text.length() > MAX_REASON) {
            text = null;
            redirect.addFlashAttribute("actionError", "REASON_TOO_LONG");
        } else if (text == null && !"resume".equals(action)) {
            redirect.addFlashAttribute("actionError", "REASON_REQUIRED");
        } else {
            try {
                switch (action == null ? "" : action) {
                    case "extend" -> lifecycle.extendDeadline(reference, user.id(), text);
                    case "pause" -> lifecycle.pause(reference, user.id(), text);
                    case "resume" -> lifecycle.resume(reference, user.id(), text == null ? "Resumed" : text);
                    default -> throw new InvalidFilterException("BAD_ACTION", "action", "action must be extend, pause or resume");
                }
                redirect.addFlashAttribute("actionDone", action);
            } catch (RequestStateConflictException e) {
                redirect.addFlashAttribute("actionError", e.code());
            }
        }
        return "redirect:/staff/requests/" + reference;
    }

    /** Sends the request to the exemption review (privacy officers), until its fulfilment starts; with a reason. */
    @PostMapping("/staff/requests/{reference}/review")
    public String review(@PathVariable String reference, @RequestParam(required = false) String reason,
                         HttpServletRequest request, RedirectAttributes redirect) {
        StaffUser user = authentication.require(request, StaffAccess.ACT_ON_REQUEST);
        StaffCsrf.require(request);
        String text = Filters.trimmed(reason);
        if (text == null) {
            redirect.addFlashAttribute("actionError", "REASON_REQUIRED");
        } else if (text.length() > ReviewReferrals.MAX_REASON) {
            redirect.addFlashAttribute("actionError", "REASON_TOO_LONG");
        } else {
            try {
                referrals.refer(reference, user.id(), text);
                redirect.addFlashAttribute("actionDone", "review");
            } catch (RequestStateConflictException e) {
                redirect.addFlashAttribute("actionError", e.code());
            } catch (InvalidDecisionException e) {
                redirect.addFlashAttribute("actionError", "REFERRAL_REFUSED");
            }
        }
        return "redirect:/staff/requests/" + reference;
    }

    private String timeline(String reference, StaffUser user, HttpServletRequest request, Locale locale, Model model) {
        StaffPages.common(request, locale, model, user);
        RequestTimelines.Timeline timeline = timelines.of(reference);
        model.addAttribute("t", timeline);
        model.addAttribute("mayRevealValues", user.may(StaffAccess.REQUESTER_VALUES)
                && RequesterData.hasTypedValues(RequestType.valueOf(timeline.summary().type())));
        model.addAttribute("mayRevealContacts", user.may(StaffAccess.CONTACTS_ON_FILE));
        model.addAttribute("openTasks", timeline.tasks().stream().filter(t -> t.ended() == null).toList());
        model.addAttribute("runningInstances", timeline.instances().stream().filter(i -> i.ended() == null).toList());
        model.addAttribute("systemSteps", systemSteps.staffRows(timeline.summary().id(), locale));
        return "staff/request";
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> lookups(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object stored = session == null ? null : session.getAttribute(LOOKUPS);
        return stored instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, String>) map) : new LinkedHashMap<>();
    }

    static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, new ArrayList<>(List.of(values))));
        return parameters;
    }

    private static String pageUrl(HttpServletRequest request, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/staff/requests");
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("lang")) {
                for (String value : values) {
                    url.queryParam(name, value);
                }
            }
        });
        url.queryParam("page", page);
        return url.encode().build().toUriString();
    }
}
