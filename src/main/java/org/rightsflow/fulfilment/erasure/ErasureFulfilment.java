package org.rightsflow.fulfilment.erasure;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.fulfilment.systems.CategoryOutcome;
import org.rightsflow.fulfilment.systems.StepOperation;
import org.rightsflow.fulfilment.systems.SystemStep;
import org.rightsflow.fulfilment.systems.SystemSteps;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure through the data map (docs/rights.md, DELETE and the erasure step of CANCEL_ACCOUNT). Each system's part is
 * a step of its own ({@link SystemSteps}, operation ERASE): per category, rows without a running retention rule are
 * erased now by the data map's rule (row by row: a row whose retention ran out is erased too), rows a rule still holds
 * are restricted (storage and security only) and erased when it expires, per system and category by a
 * DeferredErasureProcess. This service decides whether and what to erase, records the holds the steps left, and tells
 * the requester what each system did.
 *
 * <p>Every step can run again with the same result (retried jobs, repeated requests): holds are unique per request,
 * system and category, and notices carry dedup keys.
 */
@Service
public class ErasureFulfilment {

    private final RequestRepository requests;
    private final DataMap dataMap;
    private final DataConnectors connectors;
    private final JdbcTemplate jdbc;
    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final RequesterNotices notices;
    private final AuditTrail audit;
    private final TimeSource time;
    private final ErasureScope scope;
    private final SystemSteps steps;

    public ErasureFulfilment(RequestRepository requests, DataConnectors connectors, JdbcTemplate jdbc,
                          RequesterContacts contacts, Outbox outbox, RequesterNotices notices, AuditTrail audit, TimeSource time,
                          ErasureScope scope, SystemSteps steps) {
        this.requests = requests;
        this.connectors = connectors;
        this.dataMap = connectors.dataMap();
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.outbox = outbox;
        this.notices = notices;
        this.audit = audit;
        this.time = time;
        this.scope = scope;
        this.steps = steps;
    }

    /**
     * Decides whether the erasure goes ahead. Nothing is refused here on the product's own findings: a DELETE
     * without a stated deletion ground (PIPL Art. 47) was put to a privacy officer at triage, and reaches this step
     * only when the officer let it proceed. A DELETE whose every asked category an approved partial refusal (two
     * people) kept is refused on the review's grounds (its kept categories restricted when the grounds say deleting
     * them would need excessive technical means or is impractical). Otherwise every asked category that was not kept is erased or
     * restricted, in every system that maps it ({@link ErasureScope#toErase}).
     */
    @Transactional
    public ErasurePlan plan(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Set<DataCategory> kept = scope.kept(request);
        if (request.type() == RequestType.DELETE && !kept.isEmpty() && kept.containsAll(scope.asked(request))) {
            // The approved partial refusal kept everything this DELETE asked for: in effect a refusal, and the
            // requester is told so, with the review's grounds (PIPL Art. 50), not "partially completed".
            // Kept on excessive technical means or impracticality: restricted all the same, in every system.
            boolean restricted = !scope.keptButRestricted(request).isEmpty();
            audit.record(request.reference(), "system", "ERASURE_REFUSED", "{\"keptAfterReview\":\""
                    + String.join(",", kept.stream().map(Enum::name).toList()) + "\",\"restricted\":" + restricted
                    + "}");
            return ErasurePlan.allKeptAfterReview(restricted);
        }
        List<ErasurePlan.Category> planned = scope.toErase(request).stream()
                .map(c -> new ErasurePlan.Category(c, ErasureAction.NOW, 0, 0, null)).toList();
        audit.record(request.reference(), "system", "ERASURE_PLANNED", "{\"categories\":" + planned.size()
                + (kept.isEmpty() ? "" : ",\"keptAfterReview\":\"" + String.join(",", kept.stream().map(Enum::name)
                .toList()) + "\"") + "}");
        return new ErasurePlan(planned);
    }

    /**
     * After every system's erasure step: one hold per system and category whose rows a retention rule still holds,
     * each to be erased by a DeferredErasureProcess when its next row expires.
     *
     * @return the holds of the request (also those recorded by an earlier run)
     */
    @Transactional
    public List<ErasureHold> recordHolds(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = account(request);
        String notifyEmail = contacts.onFile(request).map(RequesterContacts.Contact::email).orElse(null);
        for (SystemStep step : steps.steps(requestId, StepOperation.ERASE)) {
            if (step.outcome() == null) {
                continue;
            }
            for (CategoryOutcome outcome : step.outcome().categories()) {
                if (outcome.restricted() == 0 || outcome.nextExpiry() == null
                        || holdOf(requestId, step.systemId(), outcome.category()).isPresent()) {
                    continue;
                }
                // the timer's Date has milliseconds
                Instant next = outcome.nextExpiry().truncatedTo(ChronoUnit.MILLIS);
                jdbc.update("insert into erasure_hold (id, request_id, system_id, account_id, category, retention_end,"
                                + " status, notify_email, language, created_at) values (?, ?, ?, ?, ?, ?, 'HELD', ?, ?, ?)",
                        UUID.randomUUID().toString(), requestId, step.systemId(), accountId,
                        outcome.category().name(), ts(next), notifyEmail, request.language(), ts(time.now()));
            }
        }
        List<ErasureHold> holds = holds(requestId);
        if (!holds.isEmpty()) {
            audit.record(request.reference(), "system", "RESTRICTED_HELD", "{\"holds\":\"" + String.join(",",
                    holds.stream().map(h -> h.systemId() + ":" + h.category()).toList()) + "\"}");
        }
        return holds;
    }

    public List<ErasureHold> holds(String requestId) {
        return jdbc.query("select id, request_id, system_id, account_id, category, retention_end, status"
                + " from erasure_hold where request_id = ? order by category, system_id", (rs, n) -> hold(rs), requestId);
    }

    public ErasureHold hold(String holdId) {
        return jdbc.queryForObject("select id, request_id, system_id, account_id, category, retention_end, status"
                + " from erasure_hold where id = ?", (rs, n) -> hold(rs), holdId);
    }

    /**
     * The retention of a hold has run out and its system's step (ERASE_EXPIRED) erased what had expired.
     *
     * @return when the next held row expires, if some are still held (the timer waits again), else empty
     */
    @Transactional
    public Optional<Instant> afterDeferredStep(String holdId) {
        ErasureHold hold = hold(holdId);
        RightsRequest request = requests.findById(hold.requestId()).orElseThrow();
        SystemStep step = steps.latestForHold(hold.requestId(), holdId).orElseThrow(
                () -> new IllegalStateException("No deferred erasure step ran for hold " + holdId));
        Optional<CategoryOutcome> outcome = step.outcome() == null ? Optional.empty()
                : step.outcome().category(hold.category());
        Instant next = outcome.filter(o -> o.restricted() > 0).map(CategoryOutcome::nextExpiry)
                .map(at -> at.truncatedTo(ChronoUnit.MILLIS)).orElse(null);
        if (next != null) {
            jdbc.update("update erasure_hold set retention_end = ? where id = ?", ts(next), holdId);
        } else if (!hold.erased()) {
            jdbc.update("update erasure_hold set status = 'ERASED', completed_at = ? where id = ?", ts(time.now()),
                    holdId);
        }
        audit.record(request.reference(), "system", "DEFERRED_ERASURE_RUN", "{\"system\":\"" + step.systemId()
                + "\",\"category\":\"" + hold.category() + "\",\"rows\":"
                + outcome.map(CategoryOutcome::erased).orElse(0L) + ",\"stillHeld\":" + (next != null) + "}");
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
        notices.send(request, NoticeKind.ERASURE_SUMMARY, "erasure-summary:" + requestId,
                summaryModel(requestId, Locale.forLanguageTag(request.language())));
    }

    /**
     * "erased" (labels), "restricted" (label, until, why, whether its rows past the period were deleted now), "kept"
     * (labels of the requested categories an approved partial refusal kept out of the erasure), for notices; each
     * category in one of them only ({@link Sections}).
     */
    public Map<String, Object> summaryModel(String requestId, Locale language) {
        Set<DataCategory> erased = EnumSet.noneOf(DataCategory.class);
        Map<DataCategory, Instant> restrictedUntil = new EnumMap<>(DataCategory.class);
        Map<DataCategory, String> basis = new EnumMap<>(DataCategory.class);
        for (SystemStep step : steps.steps(requestId, StepOperation.ERASE)) {
            if (!step.done()) {
                continue;
            }
            if (step.byPerson()) {
                // a data operator recorded it done (the kept categories are told as kept)
                step.categories().stream().filter(c -> !step.parameters().restrictOnly(c)).forEach(erased::add);
                continue;
            }
            for (CategoryOutcome outcome : step.outcome().categories()) {
                if (step.parameters().restrictOnly(outcome.category())) {
                    continue; // kept after review: told with the kept categories, restricted
                }
                if (outcome.erased() > 0) {
                    erased.add(outcome.category());
                }
                if (outcome.restricted() > 0) {
                    Instant until = outcome.lastExpiry();
                    restrictedUntil.merge(outcome.category(), until == null ? Instant.MIN : until,
                            (a, b) -> a.isAfter(b) ? a : b);
                    dataMap.system(step.systemId()).flatMap(s -> s.category(outcome.category()))
                            .flatMap(m -> m.retentionRule()).ifPresent(r -> basis.putIfAbsent(outcome.category(),
                                    r.basis() == null ? "" : r.basis().in(language)));
                }
            }
        }
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Set<DataCategory> kept = scope.kept(request);
        Sections sections = Sections.of(erased, restrictedUntil.keySet(), kept);
        List<Map<String, Object>> restricted = new ArrayList<>();
        restrictedUntil.forEach((category, until) -> {
            if (sections.restricted().contains(category)) {
                restricted.add(Map.of("category", label(category, language),
                        "until", until == Instant.MIN ? "" : NoticeFormats.dateTime(until),
                        "basis", basis.getOrDefault(category, ""),
                        "partlyErased", sections.partlyErased().contains(category)));
            }
        });
        Map<String, Object> model = new HashMap<>();
        model.put("erased", sections.erased().stream().map(c -> label(c, language)).toList());
        model.put("restricted", restricted);
        model.put("kept", kept.stream().map(c -> label(c, language)).toList());
        // kept on excessive technical means or impracticality: restricted all the same (storage and security only)
        model.put("keptRestricted", !scope.keptButRestricted(request).isEmpty());
        return model;
    }

    /**
     * Each category in exactly one section of a summary, so that none is told both as deleted and as retained: a
     * category with rows a retention rule still holds (in any system) is told as retained, noting that its rows past
     * the period were deleted now ({@code partlyErased}); one an approved partial refusal kept is told only as kept;
     * "deleted now" lists only the categories nothing of which is left.
     */
    record Sections(Set<DataCategory> erased, Set<DataCategory> restricted, Set<DataCategory> partlyErased) {

        static Sections of(Set<DataCategory> erasedRows, Set<DataCategory> restrictedRows,
                           Set<DataCategory> keptAfterReview) {
            Set<DataCategory> restricted = copy(restrictedRows);
            restricted.removeAll(keptAfterReview);
            Set<DataCategory> erased = copy(erasedRows);
            erased.removeAll(keptAfterReview);
            Set<DataCategory> partlyErased = copy(erased);
            partlyErased.retainAll(restricted);
            erased.removeAll(restricted);
            return new Sections(erased, restricted, partlyErased);
        }

        private static Set<DataCategory> copy(Set<DataCategory> categories) {
            return categories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(categories);
        }
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

    private Optional<String> holdOf(String requestId, String systemId, DataCategory category) {
        return jdbc.queryForList("select id from erasure_hold where request_id = ? and system_id = ? and category = ?",
                String.class, requestId, systemId, category.name()).stream().findFirst();
    }

    private static ErasureHold hold(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ErasureHold(rs.getString("id"), rs.getString("request_id"), rs.getString("system_id"),
                rs.getLong("account_id"), DataCategory.valueOf(rs.getString("category")),
                org.rightsflow.common.Sql.instant(rs, "retention_end"), "ERASED".equals(rs.getString("status")));
    }

    private String label(DataCategory category, Locale language) {
        return dataMap.mappings(category).stream().findFirst()
                .map(m -> m.mapping().label() == null ? category.name() : m.mapping().label().in(language))
                .orElse(category.name());
    }

    private static long account(RightsRequest request) {
        return request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to erase"));
    }
}
