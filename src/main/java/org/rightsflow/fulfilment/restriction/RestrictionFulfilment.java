package org.rightsflow.fulfilment.restriction;

import static org.rightsflow.common.Sql.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.fulfilment.consent.ConsentPurposes;
import org.rightsflow.fulfilment.systems.StepOperation;
import org.rightsflow.fulfilment.systems.SystemStep;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.request.RequestOutcome;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.CategoryWords;
import org.rightsflow.review.ReviewScopes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RESTRICT (限制处理, PIPL Art. 44; Network Data Security Regulations Art. 23): the requested categories (or all) are
 * flagged restricted in every system through its connector (storage and security only: readers that process data
 * skip them), and the purpose check ({@code ConsentRegister#check}) answers "restricted" for the categories and the
 * requested purposes (or all) while the restriction is in force. It ends at its end date or by a later request to
 * lift it, each with a notice. Categories an approved partial refusal kept out (a reviewer recorded why processing on
 * a basis other than consent continues) are not restricted.
 *
 * <p>Lifting clears the flag only where nothing else still holds the rows: another restriction in force for the
 * category, or a deletion's retention hold (those rows stay restricted until their deferred erasure).
 */
@Service
public class RestrictionFulfilment {

    public static final String ACTIVE = "ACTIVE";
    public static final String LIFTED = "LIFTED";
    public static final String BY_END_DATE = "END_DATE";
    public static final String BY_LIFT_REQUEST = "LIFT_REQUEST";
    /** A disputed correction was decided: its restriction of the contested categories ends, without a notice. */
    public static final String BY_DECISION = "DECIDED";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A restriction; empty {@code categories} or {@code purposes} mean all of them. */
    public record Restriction(String id, String requestId, long accountId, List<String> categories,
                              List<String> purposes, Instant endsAt, String status) {
    }

    /**
     * What a RESTRICT request did.
     *
     * @param action RESTRICTED (a new restriction: its period process waits for its end) or LIFTED (an earlier one)
     */
    public record Fulfilled(String outcome, String action, String restrictionId, Instant endsAt) {
    }

    private final RequestRepository requests;
    private final SystemSteps steps;
    private final ReviewScopes reviewScopes;
    private final ConsentPurposes purposeWords;
    private final RequesterNotices notices;
    private final AuditTrail audit;
    private final TimeSource time;
    private final JdbcClient jdbc;
    private final RightsflowProperties properties;

    public RestrictionFulfilment(RequestRepository requests, SystemSteps steps, ReviewScopes reviewScopes,
                              ConsentPurposes purposeWords, RequesterNotices notices, AuditTrail audit,
                              TimeSource time, JdbcClient jdbc, RightsflowProperties properties) {
        this.properties = properties;
        this.requests = requests;
        this.steps = steps;
        this.reviewScopes = reviewScopes;
        this.purposeWords = purposeWords;
        this.notices = notices;
        this.audit = audit;
        this.time = time;
        this.jdbc = jdbc;
    }

    /** When a restriction "until" a day ends: at the end of that day in Asia/Shanghai. */
    public static Instant endOf(LocalDate until) {
        return until.plusDays(1).atStartOfDay(DataMap.ZONE).toInstant();
    }

    /**
     * Records the restriction the request asks for (or, for {@code lift: true}, that the requester's earlier one is
     * lifted). Nothing is flagged here: each system's part is a step of its own afterwards (operation RESTRICT or
     * LIFT_RESTRICTION, see {@link #categoriesToRestrict} and {@link #categoriesToLift}), and the requester is told
     * once every system did its part ({@link #announce}). Safe to run again.
     */
    @Transactional
    public Fulfilled fulfil(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account"));
        JsonNode details = request.details();
        if (details.path("lift").asBoolean(false)) {
            RightsRequest earlier = requests.findByReference(details.path("reference").asText()).orElseThrow();
            Restriction restriction = byRequest(earlier.id()).filter(r -> r.accountId() == accountId)
                    .orElseThrow(() -> new IllegalStateException("Request " + request.reference()
                            + " lifts no restriction of its account"));
            markLifted(restriction, BY_LIFT_REQUEST, requestId);
            return new Fulfilled(RequestOutcome.COMPLETED.name(), "LIFTED", restriction.id(), null);
        }
        Optional<Restriction> done = byRequest(requestId);
        if (done.isPresent()) {
            return new Fulfilled(RequestOutcome.COMPLETED.name(), "RESTRICTED", done.get().id(), done.get().endsAt());
        }
        List<String> requested = codes(details.path("categories"));
        Set<DataCategory> excluded = reviewScopes.excluded(requestId);
        List<String> categories = new ArrayList<>();
        for (DataCategory category : DataCategory.values()) {
            if ((requested.isEmpty() || requested.contains(category.name())) && !excluded.contains(category)) {
                categories.add(category.name());
            }
        }
        List<String> purposes = codes(details.path("purposes"));
        Instant endsAt = details.hasNonNull("until") ? endOf(LocalDate.parse(details.get("until").asText())) : null;
        String id = UUID.randomUUID().toString();
        boolean everyCategory = requested.isEmpty() && excluded.isEmpty();
        // in force for the purpose check from now on; the systems flag their rows in their own steps next
        jdbc.sql("""
                insert into processing_restriction (id, request_id, account_id, categories, purposes, ends_at, status,
                    rows_restricted, created_at)
                values (:id, :request, :account, :categories, :purposes, :endsAt, 'ACTIVE', 0, :at)""")
                .param("id", id).param("request", requestId).param("account", accountId)
                .param("categories", everyCategory ? null : String.join(",", categories))
                .param("purposes", purposes.isEmpty() ? null : String.join(",", purposes))
                .param("endsAt", endsAt == null ? null : ts(endsAt)).param("at", ts(time.now()))
                .update();
        return new Fulfilled(RequestOutcome.COMPLETED.name(), "RESTRICTED", id, endsAt);
    }

    /**
     * The categories each system flags restricted for the request: those of the restriction it made (RESTRICT, or a
     * disputed correction's contested categories) while it is in force; none otherwise.
     */
    @Transactional(readOnly = true)
    public Set<DataCategory> categoriesToRestrict(String requestId) {
        return byRequest(requestId).filter(r -> ACTIVE.equals(r.status())).map(r -> categoriesOf(r))
                .orElse(EnumSet.noneOf(DataCategory.class));
    }

    /**
     * The categories each system lifts the restriction of for the request: the restriction it lifted (a lift
     * request), or its own that ended (end date, a decided correction), without the categories something else still
     * holds restricted (another restriction in force, a deletion's retention hold, a refusal that kept them).
     */
    @Transactional(readOnly = true)
    public Set<DataCategory> categoriesToLift(String requestId) {
        Optional<Restriction> lifted = liftedBy(requestId).or(() -> byRequest(requestId));
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        lifted.filter(r -> LIFTED.equals(r.status())).ifPresent(r -> categoriesOf(r).stream()
                .filter(c -> !stillHeld(r.accountId(), c.name())).forEach(categories::add));
        return categories;
    }

    /**
     * Every system did its part of the request's restriction or lift: audited with what the systems did, and the
     * requester is told (never before: a notice never says "restricted" for a system that has not done it). Safe to
     * run again.
     */
    @Transactional
    public void announce(String requestId) {
        Optional<Restriction> lifted = liftedBy(requestId);
        if (lifted.isPresent()) {
            announceLifted(lifted.get(), BY_LIFT_REQUEST, requestId);
            return;
        }
        Restriction restriction = byRequest(requestId).orElseThrow();
        RightsRequest request = requests.findById(requestId).orElseThrow();
        StepTotals totals = totals(requestId, StepOperation.RESTRICT);
        jdbc.sql("update processing_restriction set rows_restricted = :rows where id = :id")
                .param("rows", totals.rows()).param("id", restriction.id()).update();
        if (!audited(request.reference(), "RESTRICTION_APPLIED")) {
            audit.record(request.reference(), "system", "RESTRICTION_APPLIED", "{\"categories\":\""
                    + (restriction.categories().isEmpty() ? "ALL" : String.join(",", restriction.categories()))
                    + "\",\"purposes\":\""
                    + (restriction.purposes().isEmpty() ? "ALL" : String.join(",", restriction.purposes()))
                    + "\",\"rows\":" + totals.rows()
                    + (restriction.endsAt() == null ? "" : ",\"endsAt\":\"" + restriction.endsAt() + "\"")
                    + (totals.byPerson().isEmpty() ? "" : ",\"byPerson\":\"" + String.join(",", totals.byPerson())
                    + "\"") + "}");
        }
        Map<String, Object> model = words(request.language(), restriction.categories(), restriction.purposes());
        model.put("restrictedUntil", restriction.endsAt() == null ? "" : NoticeFormats.dateTime(restriction.endsAt()));
        model.put("privacyCenterUrl", properties.publicBaseUrl() + "/privacy/request/RESTRICT");
        notices.send(request, NoticeKind.RESTRICTION_APPLIED, "restriction-applied:" + requestId, model);
    }

    /**
     * A correction the privacy officer disputes (a refusal proposal waiting for its second person) may restrict the
     * contested categories while it is reviewed: recorded as a restriction of the CORRECT request itself (in force
     * for the purpose check at once; each system flags the rows in its own step, {@link #categoriesToRestrict}),
     * which a requester's lift cannot reach (a lift names a RESTRICT request). The correction's result notice tells
     * the outcome. Safe to run again: a second round of the review keeps the restriction in force and adds any newly
     * contested category.
     *
     * @param categories the categories of the changes not applied (codes); none: nothing is restricted
     */
    @Transactional
    public void restrictWhileDisputed(String requestId, java.util.Collection<String> categories) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account"));
        Optional<Restriction> earlier = byRequest(requestId).filter(r -> ACTIVE.equals(r.status()));
        java.util.Set<String> contested = new java.util.TreeSet<>(java.util.Comparator.comparing(DataCategory::valueOf));
        contested.addAll(categories);
        earlier.ifPresent(r -> contested.addAll(r.categories()));
        if (contested.isEmpty()) {
            return;
        }
        if (earlier.isPresent()) {
            jdbc.sql("update processing_restriction set categories = :categories where id = :id")
                    .param("categories", String.join(",", contested)).param("id", earlier.get().id()).update();
        } else {
            jdbc.sql("""
                    insert into processing_restriction (id, request_id, account_id, categories, purposes, ends_at, status,
                        rows_restricted, created_at)
                    values (:id, :request, :account, :categories, null, null, 'ACTIVE', 0, :at)""")
                    .param("id", UUID.randomUUID().toString()).param("request", requestId).param("account", accountId)
                    .param("categories", String.join(",", contested)).param("at", ts(time.now()))
                    .update();
        }
        audit.record(request.reference(), "system", "RESTRICTED_WHILE_DISPUTED", "{\"categories\":\""
                + String.join(",", contested) + "\"}");
    }

    /**
     * The correction was decided (the approved changes written, the rest refused with a second person's approval):
     * the restriction of its contested categories ends; each system lifts it in its own step where nothing else still
     * restricts the rows ({@link #categoriesToLift}). Nothing to do when none was made. Safe to run again.
     */
    @Transactional
    public void liftAfterDispute(String requestId) {
        byRequest(requestId).ifPresent(restriction -> {
            if (markLifted(restriction, BY_DECISION, null)) {
                RightsRequest restricting = requests.findById(restriction.requestId()).orElseThrow();
                audit.record(restricting.reference(), "system", "RESTRICTION_LIFTED", "{\"by\":\"" + BY_DECISION
                        + "\"}");
            }
        });
    }

    /**
     * The restriction reached its end date (the period's timer): it is no longer in force; each system lifts it in its
     * own step next, then {@link #announceEnded}. Safe to run again.
     */
    @Transactional
    public void endAtEndDate(String restrictionId) {
        markLifted(byId(restrictionId).orElseThrow(), BY_END_DATE, null);
    }

    /** Every system lifted the restriction that reached its end date: audited, and the requester is told. */
    @Transactional
    public void announceEnded(String restrictionId) {
        Restriction restriction = byId(restrictionId).orElseThrow();
        announceLifted(restriction, BY_END_DATE, restriction.requestId());
    }

    /** The restriction a request made, if it made one. */
    @Transactional(readOnly = true)
    public Optional<Restriction> byRequest(String requestId) {
        return jdbc.sql("select * from processing_restriction where request_id = :r").param("r", requestId)
                .query(RestrictionFulfilment::row).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Restriction> byId(String restrictionId) {
        return jdbc.sql("select * from processing_restriction where id = :id").param("id", restrictionId)
                .query(RestrictionFulfilment::row).optional();
    }

    /** The restriction a lift request lifted, if it lifted one. */
    private Optional<Restriction> liftedBy(String liftRequestId) {
        return jdbc.sql("select * from processing_restriction where lift_request_id = :r").param("r", liftRequestId)
                .query(RestrictionFulfilment::row).optional();
    }

    /** @return whether this call lifted it (false: lifted already, in a run before this one or by another way) */
    private boolean markLifted(Restriction restriction, String by, String liftRequestId) {
        if (!ACTIVE.equals(restriction.status())) {
            return false;
        }
        return jdbc.sql("""
                update processing_restriction set status = 'LIFTED', lifted_at = :at, lifted_by = :by,
                    lift_request_id = :liftRequest where id = :id and status = 'ACTIVE'""")
                .param("at", ts(time.now())).param("by", by).param("liftRequest", liftRequestId)
                .param("id", restriction.id()).update() > 0;
    }

    /** Audited once with the rows the systems' LIFT_RESTRICTION steps (of {@code stepsOf}) lifted, then the notice. */
    private void announceLifted(Restriction restriction, String by, String stepsOf) {
        RightsRequest restricting = requests.findById(restriction.requestId()).orElseThrow();
        StepTotals totals = totals(stepsOf, StepOperation.LIFT_RESTRICTION);
        if (!audited(restricting.reference(), "RESTRICTION_LIFTED")) {
            audit.record(restricting.reference(), "system", "RESTRICTION_LIFTED", "{\"by\":\"" + by + "\",\"rows\":"
                    + totals.rows() + (totals.byPerson().isEmpty() ? ""
                    : ",\"byPerson\":\"" + String.join(",", totals.byPerson()) + "\"") + "}");
        }
        Map<String, Object> model = words(restricting.language(), restriction.categories(), restriction.purposes());
        model.put("endedAtEndDate", BY_END_DATE.equals(by));
        notices.send(restricting, NoticeKind.RESTRICTION_LIFTED, "restriction-lifted:" + restriction.id(), model);
    }

    /** What the systems' steps of an operation did for a request: rows, and the systems a data operator did. */
    private record StepTotals(long rows, List<String> byPerson) {
    }

    private StepTotals totals(String requestId, StepOperation operation) {
        long rows = 0;
        List<String> byPerson = new ArrayList<>();
        for (SystemStep step : steps.steps(requestId, operation)) {
            if (step.outcome() != null) {
                rows += step.outcome().rows();
            }
            if (step.byPerson()) {
                byPerson.add(step.systemId());
            }
        }
        return new StepTotals(rows, byPerson);
    }

    /** In the chain or still waiting for it (an entry is chained just after its transaction commits: AuditTrail). */
    private boolean audited(String reference, String action) {
        return jdbc.sql("""
                select (select count(*) from audit_entry where reference = :reference and action = :action)
                     + (select count(*) from audit_pending where reference = :reference and action = :action)""")
                .param("reference", reference).param("action", action).query(Integer.class).single() > 0;
    }

    private static Set<DataCategory> categoriesOf(Restriction restriction) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (restriction.categories().isEmpty()) {
            categories.addAll(EnumSet.allOf(DataCategory.class));
        } else {
            restriction.categories().forEach(c -> categories.add(DataCategory.valueOf(c)));
        }
        return categories;
    }

    /**
     * Rows of the category stay restricted while another restriction or a deletion's retention hold still covers them,
     * or a refusal kept them restricted for good.
     */
    private boolean stillHeld(long accountId, String category) {
        Integer restrictions = jdbc.sql("""
                select count(*) from processing_restriction where account_id = :account and status = 'ACTIVE'
                  and (categories is null or (',' || categories || ',') like :pattern)""")
                .param("account", accountId).param("pattern", "%," + category + ",%").query(Integer.class).single();
        Integer holds = jdbc.sql("""
                select count(*) from erasure_hold where account_id = :account and category = :category
                  and status = 'HELD'""").param("account", accountId).param("category", category)
                .query(Integer.class).single();
        // Kept by a refusal (approved by a second person) because deleting it would need excessive technical means or
        // is impractical: restricted for good, by the RESTRICT step of a refused DELETE or CANCEL_ACCOUNT, or as a
        // kept category of an ERASE step (its parameters' restrictOnly list, the last field of the JSON).
        Integer kept = jdbc.sql("""
                select count(*) from system_step s join rights_request r on r.id = s.request_id
                where r.account_id = :account and r.request_type in ('DELETE', 'CANCEL_ACCOUNT')
                  and ((s.operation = 'RESTRICT' and (',' || s.categories || ',') like :pattern)
                    or (s.operation = 'ERASE' and s.parameters like :restrictOnly))""")
                .param("account", accountId).param("pattern", "%," + category + ",%")
                .param("restrictOnly", "%\"restrictOnly\":[%\"" + category + "\"%").query(Integer.class).single();
        return restrictions > 0 || holds > 0 || kept > 0;
    }

    private Map<String, Object> words(String language, List<String> categories, List<String> purposes) {
        Locale locale = language.startsWith("zh") ? LocalizedText.ZH_CN : Locale.ENGLISH;
        Map<String, Object> model = new HashMap<>();
        String separator = language.startsWith("zh") ? "；" : "; ";
        // joined here: empty means "all", which the templates word themselves
        model.put("restrictionCategories", String.join(separator, CategoryWords.describe(categories, language)));
        model.put("restrictionPurposes", String.join(separator,
                purposes.stream().map(p -> purposeWords.label(p, locale)).toList()));
        return model;
    }

    private static Restriction row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp ends = rs.getTimestamp("ends_at");
        return new Restriction(rs.getString("id"), rs.getString("request_id"), rs.getLong("account_id"),
                split(rs.getString("categories")), split(rs.getString("purposes")),
                ends == null ? null : ends.toInstant(), rs.getString("status"));
    }

    private static List<String> split(String codes) {
        return codes == null || codes.isBlank() ? List.of() : List.of(codes.split(","));
    }

    private static List<String> codes(JsonNode list) {
        List<String> codes = new ArrayList<>();
        list.forEach(c -> codes.add(c.asText()));
        return codes;
    }

}
