package org.rightsflow.web.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rightsflow.operations.register.RegisterFilter;
import org.rightsflow.operations.register.RegisterPage;
import org.rightsflow.operations.register.RequestRegister;
import org.rightsflow.operations.timeline.RequestTimelines;
import org.rightsflow.operations.timeline.RequesterData;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register as a staff API (HTTP Basic or the webapps' session): {@code GET /staff/api/requests?type=&status=&...}
 * (the page's parameters; no email), {@code POST /staff/api/requests/search} with the same as a JSON object plus
 * {@code accountEmail} (an email never rides in a URL), {@code GET /staff/api/requests/{reference}} (the timeline),
 * and {@code POST .../typed-values} (privacy officers) and {@code .../contacts} (intake), each view audited.
 */
@RestController
@RequestMapping(path = "/staff/api/requests", produces = MediaType.APPLICATION_JSON_VALUE)
public class RegisterApiController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SEARCH_FIELDS = Set.of("reference", "type", "status", "dueFrom", "dueTo",
            "receivedFrom", "receivedTo", "standing", "overdue", "provisional", "accountEmail", "page", "size", "sort");

    private final StaffAuthentication authentication;
    private final RequestRegister register;
    private final RequestTimelines timelines;
    private final RequesterData requesterData;

    public RegisterApiController(StaffAuthentication authentication, RequestRegister register,
                                 RequestTimelines timelines, RequesterData requesterData) {
        this.authentication = authentication;
        this.register = register;
        this.timelines = timelines;
        this.requesterData = requesterData;
    }

    /**
     * A page of the register as the API answers it: the filter without the email (an answer may be logged or cached by
     * a client; it says only that an account filter was applied).
     */
    public record Answer(long total, int page, int size, int pages, boolean accountFilter, Map<String, Object> filter,
                         List<org.rightsflow.operations.register.RegisterRow> rows) {

        static Answer of(RegisterPage page) {
            RegisterFilter f = page.filter();
            Map<String, Object> filter = new java.util.LinkedHashMap<>();
            filter.put("reference", f.reference());
            filter.put("type", f.types().stream().map(Enum::name).sorted().toList());
            filter.put("status", f.statuses().stream().map(Enum::name).sorted().toList());
            filter.put("dueFrom", f.dueFrom());
            filter.put("dueTo", f.dueTo());
            filter.put("receivedFrom", f.receivedFrom());
            filter.put("receivedTo", f.receivedTo());
            filter.put("standing", f.standing());
            filter.put("overdue", f.overdue());
            filter.put("provisional", f.provisional());
            filter.put("sort", f.sort().name().toLowerCase(java.util.Locale.ROOT));
            return new Answer(page.total(), f.page(), f.size(), page.pages(), f.accountEmail() != null, filter, page.rows());
        }
    }

    @GetMapping
    public Answer list(HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        if (request.getParameter("accountEmail") != null) {
            throw StaffProblems.badRequest("EMAIL_IN_URL",
                    "Search by account email with POST /staff/api/requests/search: an email never goes in a URL");
        }
        return Answer.of(register.search(RegisterFilter.parse(RegisterPageController.parameters(request), null)));
    }

    @PostMapping(path = "/search", consumes = MediaType.ALL_VALUE)
    public Answer search(@RequestBody(required = false) String body, HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw StaffProblems.badRequest("MALFORMED_JSON", "The body is not well-formed JSON");
        }
        if (json == null || !json.isObject()) {
            throw StaffProblems.badRequest("MALFORMED_JSON", "The body must be a JSON object");
        }
        Map<String, List<String>> parameters = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!SEARCH_FIELDS.contains(field.getKey())) {
                throw StaffProblems.badRequest("UNKNOWN_FIELD", "Unknown field; allowed: " + SEARCH_FIELDS);
            }
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else if (!field.getValue().isNull()) {
                values.add(field.getValue().asText());
            }
            parameters.put(field.getKey(), values);
        }
        List<String> email = parameters.remove("accountEmail");
        return Answer.of(register.search(RegisterFilter.parse(parameters,
                email == null || email.isEmpty() ? null : email.get(0))));
    }

    @GetMapping("/{reference}")
    public RequestTimelines.Timeline timeline(@PathVariable String reference, HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        return timelines.of(reference);
    }

    @PostMapping("/{reference}/typed-values")
    public List<RequesterData.Item> typedValues(@PathVariable String reference, HttpServletRequest request) {
        StaffUser user = authentication.require(request, StaffAccess.REQUESTER_VALUES);
        return requesterData.typedValues(reference, user.id());
    }

    @PostMapping("/{reference}/contacts")
    public List<RequesterData.Item> contacts(@PathVariable String reference, HttpServletRequest request) {
        StaffUser user = authentication.require(request, StaffAccess.CONTACTS_ON_FILE);
        return requesterData.contacts(reference, user.id());
    }
}
