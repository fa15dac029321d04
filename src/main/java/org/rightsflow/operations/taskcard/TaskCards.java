package org.rightsflow.operations.taskcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.fulfilment.consent.ConsentPurposes;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.ReviewReferral;
import org.rightsflow.review.ReviewReferrals;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a staff member deciding a Tasklist task needs to see of the request, as one bilingual Markdown block that every
 * decision form shows ({@code {{taskCard}}}): the reference linked to its staff page, the right by name, the due date
 * in Beijing time, what was asked (deletion ground and categories, consent purposes, the fields to correct) and why
 * it came to review (the triage rule, a missing deletion ground, an officer's referral). Names, never codes alone;
 * Chinese and English side by side, as the forms cannot follow the browser's language.
 *
 * <p>No personal data: values the requester typed (a correction's values, a transfer's recipient) and the contacts on
 * file stay on the request's staff page, where only the deciding group sees them and each view is audited. The card
 * says where to look instead. It is a process variable of the task and therefore kept in the engine's history.
 */
@Service
public class TaskCards {

    /** What the task decides on, for the card's pointer to the request's staff page. */
    public enum Purpose {
        /** Intake checks identity by hand: the account and the contacts on file are on the staff page. */
        IDENTITY_CHECK,
        /** An officer judges a correction: the current and requested values are on the staff page. */
        CORRECTION,
        /** An officer approves a transfer: the recipient is on the staff page. */
        TRANSFER,
        /** Any other decision: the timeline, decisions and audit trail are on the staff page. */
        OTHER
    }

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Locale EN = Locale.ENGLISH;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern REFERENCE = Pattern.compile("RR-\\d{8}-\\d{4,}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter BEIJING =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ReportingRules.ZONE);

    private final RequestRepository requests;
    private final ReviewReferrals referrals;
    private final CorrectableFields correctableFields;
    private final ConsentPurposes purposes;
    private final MessageSource messages;
    private final JdbcClient jdbc;

    public TaskCards(RequestRepository requests, ReviewReferrals referrals, CorrectableFields correctableFields,
                     ConsentPurposes purposes, MessageSource messages, JdbcClient jdbc) {
        this.requests = requests;
        this.referrals = referrals;
        this.correctableFields = correctableFields;
        this.purposes = purposes;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /**
     * The card of the request, or empty when there is no such request (a task outside a request's processes).
     *
     * @param triageRule the id of the triage table's rule that sent the request to review, or null
     */
    public Optional<String> card(String requestId, Purpose purpose, String triageRule) {
        if (requestId == null) {
            return Optional.empty();
        }
        return requests.findById(requestId).map(request -> render(request, purpose, triageRule));
    }

    /** The smallest card, when the full one could not be built: the reference and the link to its page. */
    public String fallback(String reference) {
        return "**" + both("staff.card.reference") + ":** " + link(reference) + "  \n" + both("staff.card.fallback");
    }

    private String render(RightsRequest request, Purpose purpose, String triageRule) {
        StringBuilder md = new StringBuilder();
        String reference = request.reference();
        fact(md, "staff.card.reference", link(reference));
        fact(md, "staff.card.right", both("staff.type." + request.type().name()) + " (" + request.type().name() + ")");
        String due = BEIJING.format(request.dueAt()) + " " + both("staff.card.beijingTime");
        if (request.dueDateProvisional()) {
            due += " — " + both("staff.register.provisionalBadge");
        }
        fact(md, "staff.card.due", due);
        fact(md, "staff.card.received", BEIJING.format(request.receivedAt()) + " " + both("staff.card.beijingTime"));
        fact(md, "staff.card.verification", messages.getMessage("staff.request.level",
                new Object[] {request.verificationLevel()}, ZH) + " / " + messages.getMessage("staff.request.level",
                new Object[] {request.verificationLevel()}, EN) + manualReason(request));
        list(md, "staff.card.asked", asked(request));
        if (request.filedAs() == org.rightsflow.request.FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            relative(md, request, purpose);
        }
        if (purpose != Purpose.IDENTITY_CHECK) {
            // before verification nothing is in review yet: triage runs once identity is settled
            list(md, "staff.card.whyReview", whyInReview(request, triageRule));
        }
        fact(md, "staff.card.page", link(reference) + " — " + both("staff.card.page." + purpose.name()));
        return md.toString().strip();
    }

    /**
     * A close relative's request (PIPL Art. 49): who filed, whether the holder is recorded as deceased and arranged
     * otherwise (the product's finding, put to the officer as a suggested ground: it refuses nothing by itself), and
     * for the identity check where the uploaded evidence is (its page lists the files as they arrive).
     */
    private void relative(StringBuilder md, RightsRequest request, Purpose purpose) {
        fact(md, "staff.card.relative", both("staff.card.relative.value"));
        boolean[] deceased = request.accountId() == null ? new boolean[] {false, false} : jdbc.sql(
                        "select deceased_on is not null, deceased_instruction from account where id = :id")
                .param("id", request.accountId())
                .query((rs, n) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)}).optional()
                .orElse(new boolean[] {false, false});
        fact(md, "staff.card.deceased", both(deceased[0] ? "staff.yes" : "staff.no"));
        if (deceased[1]) {
            md.append("**").append(both("staff.card.deceasedInstruction")).append("**  \n");
        }
        if (purpose == Purpose.IDENTITY_CHECK) {
            String page = "/staff/requests/" + request.reference() + "/evidence";
            fact(md, "staff.card.evidence", "[" + page + "](" + page + ")");
        }
    }

    /** One fact a line (two trailing spaces: a Markdown line break). */
    private void fact(StringBuilder md, String key, String value) {
        md.append("**").append(both(key)).append(":** ").append(value).append("  \n");
    }

    private void list(StringBuilder md, String key, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append("\n**").append(both(key)).append(":**\n\n");
        items.forEach(item -> md.append("- ").append(item).append('\n'));
        md.append('\n');
    }

    private String manualReason(RightsRequest request) {
        String reason = jdbc.sql("select manual_verification_reason from rights_request where id = :id")
                .param("id", request.id()).query(String.class).optional().orElse(null);
        if (reason == null) {
            return "";
        }
        return " — " + both("staff.card.manual") + ": " + bothOr("staff.card.manual." + reason, reason);
    }

    private List<String> asked(RightsRequest request) {
        JsonNode details = request.details();
        List<String> lines = new ArrayList<>();
        RequestType type = request.type();
        if (type == RequestType.DELETE) {
            JsonNode ground = details.get("ground");
            lines.add(both("staff.card.deletionGround") + ": " + (ground == null || ground.isNull()
                    ? "**" + both("staff.card.noGround") + "**"
                    : CODE.matcher(ground.asText()).matches()
                    ? bothOr("ground." + ground.asText(), ground.asText()) + " (" + ground.asText() + ")" : "?"));
            lines.add(both("staff.card.categories") + ": " + categories(details.get("categories")));
        } else if (type == RequestType.ACCESS || type == RequestType.COPY || type == RequestType.CANCEL_ACCOUNT) {
            lines.add(both("staff.card.categories") + ": " + categories(details.get("categories")));
        } else if (type == RequestType.WITHDRAW_CONSENT) {
            lines.add(both("staff.card.purposes") + ": " + list(details.get("purposes"),
                    purpose -> purposes.label(purpose, ZH) + " / " + purposes.label(purpose, EN) + " (" + purpose + ")"));
        } else if (type == RequestType.CORRECT) {
            lines.add(both("staff.card.fields") + ": " + list(details.get("corrections"), null));
        } else if (type == RequestType.TRANSFER) {
            lines.add(both("staff.card.recipient"));
        } else if (type == RequestType.RESTRICT) {
            if (details.path("lift").asBoolean(false)) {
                String lifted = details.path("reference").asText();
                lines.add(both("staff.card.lift") + ": " + (REFERENCE.matcher(lifted).matches() ? link(lifted) : "?"));
            } else {
                lines.add(both("staff.card.categories") + ": " + categories(details.get("categories")));
                JsonNode restricted = details.get("purposes");
                lines.add(both("staff.card.restrictedPurposes") + ": " + (restricted == null || !restricted.isArray()
                        || restricted.isEmpty() ? both("staff.card.allPurposes") : list(restricted,
                        purpose -> purposes.label(purpose, ZH) + " / " + purposes.label(purpose, EN) + " (" + purpose + ")")));
                String until = details.path("until").asText("");
                lines.add(both("staff.card.until") + ": " + (DATE.matcher(until).matches() ? until : both("staff.card.untilLifted")));
            }
        } else if (type == RequestType.EXPLAIN) {
            lines.add(both("staff.card.question"));
        }
        return lines;
    }

    private String categories(JsonNode categories) {
        if (categories == null || !categories.isArray() || categories.isEmpty()) {
            return both("staff.card.allCategories");
        }
        return list(categories, code -> bothOr("category." + code, code) + " (" + code + ")");
    }

    /** The names of a JSON list of codes; for corrections, the labels of the fields (never the values). */
    private String list(JsonNode items, Function<String, String> name) {
        if (items == null || !items.isArray() || items.isEmpty()) {
            return "—";
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : items) {
            if (name != null) {
                // Codes were checked against their lists at intake; the pattern keeps anything else out of the card.
                names.add(CODE.matcher(item.asText()).matches() ? name.apply(item.asText()) : "?");
            } else {
                // A field name is typed by the requester until the checks refuse an unknown one: only a field of the
                // data map is named here, anything else stays on the request's page.
                String field = item.path("field").asText();
                names.add(correctableFields.find(field).map(f -> label(f.label()) + " (" + f.field() + ")")
                        .orElse(both("staff.card.unknownField")));
            }
        }
        return String.join("; ", names);
    }

    private List<String> whyInReview(RightsRequest request, String triageRule) {
        List<String> lines = new ArrayList<>();
        if (triageRule != null) {
            lines.add(both("staff.card.triageRule") + " " + triageRule + ": "
                    + bothOr("staff.card.rule." + triageRule, triageRule));
        }
        if (request.type() == RequestType.DELETE && !request.details().hasNonNull("ground")) {
            lines.add(both("staff.card.groundMissing"));
        }
        for (ReviewReferral referral : referrals.of(request.id())) {
            lines.add(both("staff.card.referred") + ": " + referral.referredBy() + ", "
                    + BEIJING.format(referral.referredAt()) + " (" + both("staff.card.referralReason") + ")");
        }
        return lines;
    }

    private static String label(LocalizedText text) {
        return text.zhCN() + " / " + text.en();
    }

    private static String link(String reference) {
        return "[" + reference + "](/staff/requests/" + reference + ")";
    }

    private String both(String key) {
        return messages.getMessage(key, null, ZH) + " / " + messages.getMessage(key, null, EN);
    }

    private String bothOr(String key, String fallback) {
        String zh = messages.getMessage(key, null, null, ZH);
        String en = messages.getMessage(key, null, null, EN);
        return zh == null || en == null ? fallback : zh + " / " + en;
    }

}
