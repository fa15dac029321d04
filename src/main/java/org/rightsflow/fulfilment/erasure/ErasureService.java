package org.rightsflow.fulfilment.erasure;

import static org.rightsflow.common.Sql.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.ConnectorOperation;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.MappedCategory;
import org.rightsflow.datamap.RetentionWindow;
import org.rightsflow.datamap.RowSelection;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.ReviewScopes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure through the data map (docs/rights.md, DELETE and the erasure step of CANCEL_ACCOUNT): per category, erase
 * now where no retention rule applies or a row's retention has run out (decided row by row), otherwise restrict the
 * row (storage and security only) and erase it when its retention expires.
 *
 * <p>Every system is reached through its connector ({@link SystemConnector}); a system whose connector cannot erase
 * in the application fails the step loudly rather than being skipped.
 *
 * <p>Every step can run again with the same result (retried jobs, repeated requests): the plan is stored once per
 * request, connectors erase only what is not erased yet, holds are unique per request and category, and notices
 * carry dedup keys.
 */
@Service
public class ErasureService {

    private final RequestRepository requests;
    private final DataConnectors connectors;
    private final DataMap dataMap;
    private final JdbcTemplate jdbc;
    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TimeSource time;
    private final ReviewScopes reviewScopes;
    private final ObjectMapper json = new ObjectMapper();

    public ErasureService(RequestRepository requests, DataConnectors connectors, JdbcTemplate jdbc,
                          RequesterContacts contacts, Outbox outbox, AuditTrail audit, TimeSource time,
                          ReviewScopes reviewScopes) {
        this.requests = requests;
        this.connectors = connectors;
        this.dataMap = connectors.dataMap();
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
        this.time = time;
        this.reviewScopes = reviewScopes;
    }

    /**
     * Decides, per category, what happens: the requested categories of a DELETE (all when none are named), every
     * category of a CANCEL_ACCOUNT, in both cases without the categories an approved partial refusal kept (they are
     * neither erased nor restricted; the result notice names them with the grounds). Nothing is refused here on the
     * product's own findings: a DELETE without a stated deletion ground (PIPL Art. 47) was put to a privacy officer at
     * triage, and reaches this step only when the officer let it proceed. Stored on first call; later calls return the
     * stored plan.
     */
    @Transactional
    public ErasurePlan plan(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        JsonNode details = details(request);
        List<ErasurePlan.Category> stored = storedPlan(requestId);
        if (!stored.isEmpty()) {
            return new ErasurePlan(stored);
        }
        long accountId = account(request);
        Instant now = time.now();
        List<ErasurePlan.Category> planned = new ArrayList<>();
        Set<DataCategory> kept = kept(request, details);
        if (request.type() == RequestType.DELETE && !kept.isEmpty() && kept.containsAll(categories(request, details))) {
            // The approved partial refusal kept everything this DELETE asked for: in effect a refusal, and the
            // requester is told so, with the review's grounds (PIPL Art. 50), not "partially completed".
            audit.record(request.reference(), "system", "ERASURE_REFUSED", "{\"keptAfterReview\":\""
                    + String.join(",", kept.stream().map(Enum::name).toList()) + "\"}");
            return ErasurePlan.allKeptAfterReview();
        }
        for (DataCategory category : categories(request, details)) {
            if (kept.contains(category)) {
                continue;
            }
            long all = 0;
            long held = 0;
            Instant until = null;
            for (MappedCategory mapping : dataMap.mappings(category)) {
                SystemConnector connector = eraser(mapping);
                all += connector.count(category, RowSelection.allOf(accountId));
                held += connector.count(category, RowSelection.withinRetention(accountId, now));
                Instant last = connector.retentionWindow(category, accountId, now).map(RetentionWindow::lastExpiry)
                        .orElse(null);
                if (last != null && (until == null || last.isAfter(until))) {
                    until = last;
                }
            }
            ErasureAction action = all == 0 ? ErasureAction.NONE : held > 0 ? ErasureAction.HOLD : ErasureAction.NOW;
            ErasurePlan.Category item = new ErasurePlan.Category(category, action, all - held, held, until);
            planned.add(item);
            jdbc.update("insert into erasure_category (request_id, category, action, rows_now, rows_held,"
                            + " retention_end) values (?, ?, ?, ?, ?, ?)", requestId, category.name(),
                    action.name(), item.rowsNow(), item.rowsHeld(), until == null ? null : ts(until));
        }
        audit.record(request.reference(), "system", "ERASURE_PLANNED", "{\"categories\":" + planned.size()
                + ",\"held\":" + planned.stream().filter(c -> c.action() == ErasureAction.HOLD).count()
                + (kept.isEmpty() ? "" : ",\"keptAfterReview\":\"" + String.join(",", kept.stream().map(Enum::name)
                .toList()) + "\"") + "}");
        return new ErasurePlan(planned);
    }

    /** Erases now every planned row that no retention rule holds. */
    @Transactional
    public void eraseNow(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = account(request);
        Instant now = time.now();
        long rows = 0;
        for (ErasurePlan.Category planned : storedPlan(requestId)) {
            if (planned.action() == ErasureAction.NONE) {
                continue;
            }
            for (MappedCategory mapping : dataMap.mappings(planned.category())) {
                rows += eraser(mapping).erase(planned.category(), RowSelection.pastRetention(accountId, now));
            }
        }
        audit.record(request.reference(), "system", "ERASED_NOW", "{\"rows\":" + rows + "}");
    }

    /**
     * Restricts the held rows (storage and security only: readers of the data map skip them) and records one hold
     * per held category, to be erased when its retention expires.
     *
     * @return the holds of the request (also those recorded by an earlier run)
     */
    @Transactional
    public List<ErasureHold> restrictHeld(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = account(request);
        Instant now = time.now();
        String notifyEmail = contacts.onFile(request).map(RequesterContacts.Contact::email).orElse(null);
        for (ErasurePlan.Category planned : storedPlan(requestId)) {
            if (planned.action() != ErasureAction.HOLD) {
                continue;
            }
            Instant next = null;
            for (MappedCategory mapping : dataMap.mappings(planned.category())) {
                SystemConnector connector = eraser(mapping);
                connector.restrict(planned.category(), RowSelection.withinRetention(accountId, now));
                Optional<Instant> expiry = connector.retentionWindow(planned.category(), accountId, now)
                        .map(RetentionWindow::nextExpiry);
                if (expiry.isPresent() && (next == null || expiry.get().isBefore(next))) {
                    next = expiry.get();
                }
            }
            if (next != null) {
                next = next.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the timer's Date has milliseconds
            }
            if (next != null && holdOf(requestId, planned.category()).isEmpty()) {
                jdbc.update("insert into erasure_hold (id, request_id, account_id, category, retention_end, status,"
                                + " notify_email, language, created_at) values (?, ?, ?, ?, ?, 'HELD', ?, ?, ?)",
                        UUID.randomUUID().toString(), requestId, accountId, planned.category().name(), ts(next),
                        notifyEmail, request.language(), ts(now));
            }
        }
        if (accountIsHeld(requestId)) {
            audit.record(request.reference(), "system", "RESTRICTED_HELD", "{\"categories\":\""
                    + String.join(",", holds(requestId).stream().map(h -> h.category().name()).toList()) + "\"}");
        }
        return holds(requestId);
    }

    public List<ErasureHold> holds(String requestId) {
        return jdbc.query("select id, request_id, account_id, category, retention_end, status from erasure_hold"
                + " where request_id = ? order by category", (rs, n) -> hold(rs), requestId);
    }

    public ErasureHold hold(String holdId) {
        return jdbc.queryForObject("select id, request_id, account_id, category, retention_end, status"
                + " from erasure_hold where id = ?", (rs, n) -> hold(rs), holdId);
    }

    /**
     * The retention of a hold has run out (its timer fired): erases the rows whose retention has expired.
     *
     * @return when the next held row expires, if some are still held (the timer waits again), else empty
     */
    @Transactional
    public Optional<Instant> eraseHeld(String holdId) {
        ErasureHold hold = hold(holdId);
        RightsRequest request = requests.findById(hold.requestId()).orElseThrow();
        Instant now = time.now();
        long rows = 0;
        Instant next = null;
        for (MappedCategory mapping : dataMap.mappings(hold.category())) {
            SystemConnector connector = eraser(mapping);
            rows += connector.erase(hold.category(), RowSelection.pastRetention(hold.accountId(), now));
            Optional<Instant> expiry = connector.retentionWindow(hold.category(), hold.accountId(), now)
                    .map(RetentionWindow::nextExpiry);
            if (expiry.isPresent() && (next == null || expiry.get().isBefore(next))) {
                next = expiry.get();
            }
        }
        if (next != null) {
            next = next.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the timer's Date has milliseconds
            jdbc.update("update erasure_hold set retention_end = ? where id = ?", ts(next), holdId);
        } else if (!hold.erased()) {
            jdbc.update("update erasure_hold set status = 'ERASED', completed_at = ? where id = ?", ts(now), holdId);
        }
        audit.record(request.reference(), "system", "DEFERRED_ERASURE_RUN", "{\"category\":\"" + hold.category()
                + "\",\"rows\":" + rows + ",\"stillHeld\":" + (next != null) + "}");
        return Optional.ofNullable(next);
    }

    /** The requester is told that the held data is now erased (once: dedup key per hold). */
    @Transactional
    public void notifyDeferredErasure(String holdId) {
        ErasureHold hold = hold(holdId);
        RightsRequest request = requests.findById(hold.requestId()).orElseThrow();
        String email = jdbc.queryForObject("select notify_email from erasure_hold where id = ?", String.class, holdId);
        if (email != null) {
            Locale language = Locale.forLanguageTag(request.language());
            outbox.enqueue(new Notice("deferred-erasure:" + holdId, request.id(), NoticeKind.DEFERRED_DELETION_COMPLETED,
                    email, request.language(), Map.of(
                            "reference", request.reference(),
                            "category", label(hold.category(), language),
                            "erasedAt", NoticeFormats.dateTime(time.now()))));
            // the address was kept only to send this notice
            jdbc.update("update erasure_hold set notify_email = null where id = ?", holdId);
        }
        audit.record(request.reference(), "system", "DEFERRED_ERASURE_COMPLETED",
                "{\"category\":\"" + hold.category() + "\"}");
    }

    /**
     * The requester of a DELETE is told both what was erased now and what is restricted until when and why. An
     * account cancellation tells the same in its certificate instead.
     */
    @Transactional
    public void notifyErasure(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        if (request.type() != RequestType.DELETE) {
            return;
        }
        contacts.onFile(request).ifPresent(contact -> {
            Map<String, Object> model = summaryModel(requestId, Locale.forLanguageTag(request.language()));
            model.put("reference", request.reference());
            outbox.enqueue(new Notice("erasure-summary:" + requestId, requestId, NoticeKind.ERASURE_SUMMARY,
                    contact.email(), request.language(), model));
        });
    }

    /**
     * "erased" (labels), "restricted" (label, until, why) of the request's plan and "kept" (labels of the requested
     * categories an approved partial refusal kept out of the erasure), for notices.
     */
    public Map<String, Object> summaryModel(String requestId, Locale language) {
        List<String> erased = new ArrayList<>();
        List<Map<String, String>> restricted = new ArrayList<>();
        for (ErasurePlan.Category c : storedPlan(requestId)) {
            String label = label(c.category(), language);
            if (c.rowsNow() > 0) {
                erased.add(label);
            }
            if (c.action() == ErasureAction.HOLD) {
                String basis = dataMap.mappings(c.category()).stream().map(m -> m.mapping().retention())
                        .filter(java.util.Objects::nonNull).findFirst()
                        .map(r -> r.basis() == null ? "" : r.basis().in(language)).orElse("");
                restricted.add(Map.of("category", label,
                        "until", c.retentionEnd() == null ? "" : NoticeFormats.dateTime(c.retentionEnd()),
                        "basis", basis));
            }
        }
        RightsRequest request = requests.findById(requestId).orElseThrow();
        List<String> keptLabels = kept(request, details(request)).stream().map(c -> label(c, language)).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("erased", erased);
        model.put("restricted", restricted);
        model.put("kept", keptLabels);
        return model;
    }

    /**
     * Anonymises the subject's own record (the account row) by the data map's rule for it: the last step of an
     * account cancellation, after the certificate went to the address on file. Filtered by the account id.
     */
    @Transactional
    public void anonymiseSubject(long accountId) {
        connectors.connector(dataMap.subjectSystem().id()).eraseSubjectRecord(accountId);
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<ErasurePlan.Category> storedPlan(String requestId) {
        return jdbc.query("select category, action, rows_now, rows_held, retention_end from erasure_category"
                        + " where request_id = ?", (rs, n) -> new ErasurePlan.Category(
                        DataCategory.valueOf(rs.getString(1)), ErasureAction.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4), org.rightsflow.common.Sql.instant(rs, "retention_end")), requestId)
                .stream().sorted(java.util.Comparator.comparing(ErasurePlan.Category::category)).toList();
    }

    private Optional<String> holdOf(String requestId, DataCategory category) {
        return jdbc.queryForList("select id from erasure_hold where request_id = ? and category = ?", String.class,
                requestId, category.name()).stream().findFirst();
    }

    private boolean accountIsHeld(String requestId) {
        return !holds(requestId).isEmpty();
    }

    private static ErasureHold hold(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ErasureHold(rs.getString("id"), rs.getString("request_id"), rs.getLong("account_id"),
                DataCategory.valueOf(rs.getString("category")), org.rightsflow.common.Sql.instant(rs, "retention_end"),
                "ERASED".equals(rs.getString("status")));
    }

    /**
     * The connector that erases the mapping's rows in the application. A system whose worker or a data operator has
     * to do it fails here, loudly: its data is never skipped while the request reports success.
     */
    private SystemConnector eraser(MappedCategory mapping) {
        SystemConnector connector = connectors.forMapping(mapping);
        if (!connector.supports(ConnectorOperation.ERASE)) {
            throw connector.unsupported(ConnectorOperation.ERASE);
        }
        return connector;
    }

    private String label(DataCategory category, Locale language) {
        return dataMap.mappings(category).stream().findFirst()
                .map(m -> m.mapping().label() == null ? category.name() : m.mapping().label().in(language))
                .orElse(category.name());
    }

    private JsonNode details(RightsRequest request) {
        if (request.detailsJson() == null || request.detailsJson().isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(request.detailsJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored details of " + request.reference() + " are not JSON", e);
        }
    }

    /** The categories of this erasure that the review kept out of it (in the order of {@link DataCategory}). */
    private Set<DataCategory> kept(RightsRequest request, JsonNode details) {
        Set<DataCategory> kept = EnumSet.noneOf(DataCategory.class);
        kept.addAll(reviewScopes.excluded(request.id()));
        kept.retainAll(categories(request, details));
        return kept;
    }

    private static Set<DataCategory> categories(RightsRequest request, JsonNode details) {
        JsonNode named = details.get("categories");
        if (request.type() != RequestType.DELETE || named == null || !named.isArray() || named.isEmpty()) {
            return EnumSet.allOf(DataCategory.class);
        }
        Set<DataCategory> categories = new LinkedHashSet<>();
        named.forEach(c -> categories.add(DataCategory.valueOf(c.asText())));
        return categories;
    }

    private static long account(RightsRequest request) {
        return request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to erase"));
    }
}
