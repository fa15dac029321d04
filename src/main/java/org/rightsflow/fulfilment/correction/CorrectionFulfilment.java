package org.rightsflow.fulfilment.correction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.CorrectableField;
import org.rightsflow.datamap.CorrectableFields;
import org.rightsflow.datamap.ConnectorOperation;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.request.RequestOutcome;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.fulfilment.correction.CorrectionChanges.Requested;
import org.rightsflow.review.InvalidDecisionException;
import org.rightsflow.review.RefusalProposal;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.rightsflow.review.ReviewDecisions;
import org.rightsflow.review.ReviewScopes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CORRECT (更正、补充, PIPL Art. 46) through the data map. The requested values stay where the requester put them
 * ({@code rights_request.details}); what is decided and done per change lives in {@code correction_change}. The
 * engine only ever sees change numbers, masked values, decisions and outcomes, so Cockpit and the history of the
 * engine hold none of the values.
 *
 * <p>Steps: {@link #register} (which changes can be corrected at all), {@link #reviewView} (what the privacy
 * officer sees: masked current and requested values), {@link #decide} (APPLY or REJECT, as a whole or per
 * change), {@link #apply} (writes, audits old→new masked and keyed-hashed, tells the requester per field). Each
 * step may run again after a failure without doing anything twice.
 *
 * <p>This class decides; the changes are kept by {@link CorrectionChanges}, worded for the requester and the review
 * form by {@link CorrectionWording} and audited by {@link CorrectionAudit}.
 */
@Service
public class CorrectionFulfilment {

    public static final String APPLY = "APPLY";
    public static final String REJECT = "REJECT";
    public static final Set<String> DECISIONS = Set.of(APPLY, REJECT);

    /** The stronger verification level that changes of sensitive (real-name) data need. */
    static final int SENSITIVE_LEVEL = 2;

    /** Status of a change in {@code correction_change}. */
    public enum ChangeStatus {
        /** the field is not one of the correctable fields of the data map */
        NOT_CORRECTABLE,
        /** sensitive field, but the requester was verified at level 1 only */
        NEEDS_LEVEL_2,
        /** the account holds no record the field could be corrected in */
        NO_RECORD,
        /** the value does not fit the column */
        TOO_LONG,
        /**
         * the field belongs to a data category that an approved partial refusal kept out of the request (exemption
         * review, four eyes): never offered for review, never written
         */
        EXEMPTED,
        PENDING, APPROVED, REJECTED, APPLIED;

        /**
         * The checks found the change cannot be applied as asked. A finding, not a refusal: the privacy officer decides
         * on it (it can only be rejected, with a ground) and a second person approves that, like any other rejection.
         */
        public boolean foundByChecks() {
            return this == NOT_CORRECTABLE || this == NEEDS_LEVEL_2 || this == NO_RECORD || this == TOO_LONG;
        }

        /** Not corrected for a reason of its own, which the requester is told per change. */
        boolean notAppliedWithReason() {
            return foundByChecks() || this == EXEMPTED;
        }
    }

    public record Change(int changeNo, String field, ChangeStatus status) {
    }

    /** A change as staff see it: masked values only. */
    public record ChangeView(int changeNo, String label, String category, boolean sensitive, String current,
                             String requested, ChangeStatus status) {
    }

    /**
     * What the review form shows: one row per change (number, field, category, masked current and requested value,
     * a note) for a table that renders plain text, and the choices for rejecting single changes. Never markup: a value
     * a requester typed is shown as the characters it is, masked.
     */
    public record ReviewView(List<Map<String, String>> rows, List<Map<String, String>> options) {
    }

    /** The outcome for the requester: COMPLETED, PARTIALLY_COMPLETED or REFUSED, with the reasons to tell. */
    public record Result(String outcome, int applied, int notApplied, List<String> grounds, String explanation) {
    }

    /** The officer's decision in numbers: changes approved and changes not applied (a refusal proposal when > 0). */
    public record Decision(int approved, int rejected) {

        public boolean refusesAnything() {
            return rejected > 0;
        }
    }

    private final CorrectionChanges changes;
    private final CorrectionWording wording;
    private final CorrectionAudit audit;
    private final RequestRepository requests;
    private final CorrectableFields fields;
    private final DataConnectors connectors;
    private final RequesterNotices notices;
    private final TimeSource time;
    private final ReviewScopes reviewScopes;
    private final RefusalProposals proposals;

    CorrectionFulfilment(CorrectionChanges changes, CorrectionWording wording, CorrectionAudit audit,
                      RequestRepository requests, CorrectableFields fields, DataConnectors connectors,
                      RequesterNotices notices, TimeSource time, ReviewScopes reviewScopes, RefusalProposals proposals) {
        this.changes = changes;
        this.wording = wording;
        this.audit = audit;
        this.requests = requests;
        this.fields = fields;
        this.connectors = connectors;
        this.notices = notices;
        this.time = time;
        this.reviewScopes = reviewScopes;
        this.proposals = proposals;
    }

    /**
     * Records each requested change and what the checks found: unknown fields, sensitive fields without level-2
     * verification, fields the account holds no record for and values too long for the column cannot be applied as
     * asked, and fields of a category that an approved partial refusal kept out of the request are exempted. The
     * findings are put to the privacy officer (nothing is refused here); only the exempted ones were already decided,
     * by two people. Idempotent.
     *
     * @return how many changes a privacy officer has to decide on
     */
    @Transactional
    public int register(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        if (existing(requestId).isEmpty()) {
            long accountId = accountOf(request);
            List<Requested> requested = requested(request);
            Set<DataCategory> exempted = reviewScopes.excluded(requestId);
            for (Requested change : requested) {
                changes.record(requestId, change.changeNo(), change.field(),
                        check(request, accountId, change, exempted));
            }
            audit.registered(request.reference(), existing(requestId));
        }
        return (int) existing(requestId).stream()
                .filter(c -> c.status() == ChangeStatus.PENDING || c.status().foundByChecks()).count();
    }

    /**
     * A review starts (again): decisions an earlier review made that were not applied (the legal reviewer sent the
     * proposal back) are undone, so the officer decides afresh. Applied changes stay applied.
     */
    @Transactional
    public void reopenForReview(String requestId) {
        changes.reopen(requestId);
    }

    /** The changes the checks found cannot be applied: suggested for rejection in the review form (change numbers). */
    public List<String> suggestedRejections(String requestId) {
        return existing(requestId).stream().filter(c -> c.status().foundByChecks())
                .map(c -> Integer.toString(c.changeNo())).toList();
    }

    private ChangeStatus check(RightsRequest request, long accountId, Requested change, Set<DataCategory> exempted) {
        Optional<CorrectableField> field = fields.find(change.field());
        if (field.isEmpty()) {
            return ChangeStatus.NOT_CORRECTABLE;
        }
        if (exempted.contains(field.get().category())) {
            // Before any other check: the officer's decision is the reason, not e.g. a missing verification level.
            return ChangeStatus.EXEMPTED;
        }
        if (field.get().sensitive() && request.verificationLevel() < SENSITIVE_LEVEL) {
            return ChangeStatus.NEEDS_LEVEL_2;
        }
        if (!readable(field.get())) {
            // its system's worker or a data operator writes it: whether a record exists is theirs to find
            return ChangeStatus.PENDING;
        }
        if (currentValues(field.get(), accountId).isEmpty() && !connector(field.get()).canSupplement(field.get())) {
            // no row to write into, and the system cannot add one for the field alone
            return ChangeStatus.NO_RECORD;
        }
        java.util.OptionalInt width = connector(field.get()).maxLength(field.get());
        if (width.isPresent() && width.getAsInt() > 0 && change.value().length() > width.getAsInt()) {
            return ChangeStatus.TOO_LONG;
        }
        return ChangeStatus.PENDING;
    }

    /** The changes of a request in order, as recorded by {@link #register}. */
    public List<Change> changes(String requestId) {
        return existing(requestId);
    }

    /** Masked current and requested values of every change, for the review form. Holds no value in clear. */
    @Transactional(readOnly = true)
    public ReviewView reviewView(String requestId) {
        return wording.reviewView(views(requestId));
    }

    /** Every change with masked values (for staff and tests). */
    @Transactional(readOnly = true)
    public List<ChangeView> views(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = accountOf(request);
        Map<Integer, Requested> requested = new HashMap<>();
        requested(request).forEach(r -> requested.put(r.changeNo(), r));
        List<ChangeView> views = new ArrayList<>();
        for (Change change : existing(requestId)) {
            Optional<CorrectableField> field = fields.find(change.field());
            if (field.isEmpty()) {
                views.add(new ChangeView(change.changeNo(), "(field not in the data map)", null, false, "—", "—",
                        change.status()));
                continue;
            }
            CorrectableField f = field.get();
            List<String> current = readable(f) ? currentValues(f, accountId) : List.of();
            String currentMasked = !readable(f) ? "(" + f.systemId() + ")"
                    : holdsNoValue(current) ? NONE_HELD : ValueMask.mask(f.mask(), current.get(0))
                    + (current.size() > 1 ? " (+" + (current.size() - 1) + ")" : "");
            views.add(new ChangeView(change.changeNo(), f.label().en() + " / " + f.label().zhCN(), f.category().name(),
                    f.sensitive(), currentMasked, ValueMask.mask(f.mask(), requested.get(change.changeNo()).value()),
                    change.status()));
        }
        return views;
    }

    /**
     * A requested change as the deciding officer judges it on the request's staff page: the field's label, the values
     * on file and the requested value, unmasked (never in the engine: the staff page shows it to privacy officers and
     * audits each view).
     */
    public record ChangeToJudge(String field, String label, List<String> current, String requested) {
    }

    /**
     * Every requested change with the values on file, unmasked, in the request's order. A field the data map does not
     * know (refused by the checks) has no values on file; a request without an account has none either.
     */
    @Transactional(readOnly = true)
    public List<ChangeToJudge> toJudge(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        List<ChangeToJudge> toJudge = new ArrayList<>();
        for (Requested change : requested(request)) {
            Optional<CorrectableField> field = fields.find(change.field());
            List<String> current = field.isPresent() && request.account().isPresent()
                    ? currentValues(field.get(), request.account().get()) : List.of();
            toJudge.add(new ChangeToJudge(change.field(), field.map(f -> f.label().en() + " / " + f.label().zhCN())
                    .orElse(null), current, change.value()));
        }
        return toJudge;
    }

    /**
     * The privacy officer's decision, checked on the server: APPLY (all pending changes, except those listed in
     * {@code rejected}) or REJECT (all). A change the checks found cannot be applied must be among the rejected ones.
     * Rejecting anything needs a ground; an explanation is always needed. The decision is recorded per change; what it
     * does not apply is a refusal proposal that the caller puts to a second person before anything is written.
     */
    @Transactional
    public Decision decide(String requestId, String decision, Collection<String> rejected, List<String> grounds,
                           String explanation, String officer) {
        ReviewDecisions.requireOneOf("decision", decision, DECISIONS);
        ReviewDecisions.requireExplanation(explanation);
        List<Change> all = existing(requestId);
        List<Change> pending = all.stream().filter(c -> c.status() == ChangeStatus.PENDING).toList();
        List<Change> found = all.stream().filter(c -> c.status().foundByChecks()).toList();
        Set<Integer> rejectedNos = new TreeSet<>();
        for (String no : rejected == null ? List.<String>of() : rejected) {
            Integer parsed = parse(no);
            if (parsed == null || (pending.stream().noneMatch(c -> c.changeNo() == parsed)
                    && found.stream().noneMatch(c -> c.changeNo() == parsed))) {
                throw new InvalidDecisionException("Unknown change " + no + " in rejectedChanges");
            }
            rejectedNos.add(parsed);
        }
        if (APPLY.equals(decision)) {
            for (Change change : found) {
                if (!rejectedNos.contains(change.changeNo())) {
                    throw new InvalidDecisionException("Change " + change.changeNo() + " cannot be applied as asked ("
                            + wording.reason(change.status(), Locale.ENGLISH) + "): reject it, with a ground");
                }
            }
        }
        boolean rejectsAny = REJECT.equals(decision) || !rejectedNos.isEmpty();
        ReviewDecisions.requireGroundsForRefusal(rejectsAny, grounds);
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Instant now = time.now();
        int approved = 0;
        for (Change change : pending) {
            boolean reject = REJECT.equals(decision) || rejectedNos.contains(change.changeNo());
            changes.decide(requestId, change.changeNo(), reject, officer, now);
            approved += reject ? 0 : 1;
        }
        for (Change change : found) {
            // stays with the checks' finding as its reason; the officer's rejection is recorded
            changes.recordDecider(requestId, change.changeNo(), officer, now);
        }
        int notApplied = pending.size() - approved + found.size();
        audit.decided(request.reference(), officer, approved, notApplied, grounds);
        return new Decision(approved, notApplied);
    }

    /**
     * The data categories of the changes the officer decided not to apply (the disputed ones), as codes in category
     * order: what a disputed correction may restrict while it is reviewed.
     */
    @Transactional(readOnly = true)
    public List<String> contestedCategories(String requestId) {
        Set<DataCategory> categories = java.util.EnumSet.noneOf(DataCategory.class);
        for (Change change : existing(requestId)) {
            if (change.status() == ChangeStatus.REJECTED) {
                fields.find(change.field()).ifPresent(f -> categories.add(f.category()));
            }
        }
        return categories.stream().map(Enum::name).toList();
    }

    /**
     * The systems holding the fields of the approved changes, with the fields' categories: each gets a step of its own.
     */
    public Map<String, Set<DataCategory>> approvedCategoriesBySystem(String requestId) {
        Map<String, Set<DataCategory>> systems = new LinkedHashMap<>();
        for (Change change : existing(requestId)) {
            if (change.status() == ChangeStatus.APPROVED || change.status() == ChangeStatus.APPLIED) {
                fields.find(change.field()).ifPresent(f -> systems.computeIfAbsent(f.systemId(),
                        id -> java.util.EnumSet.noneOf(DataCategory.class)).add(f.category()));
            }
        }
        return systems;
    }

    /** An approved change of a field in a system, with the value to write (for the system's worker). */
    public record ApprovedChange(int changeNo, CorrectableField field, String value) {
    }

    /** The approved changes (not yet applied) of the fields a system holds. */
    public List<ApprovedChange> approvedChanges(String requestId, String systemId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Map<Integer, Requested> requested = new HashMap<>();
        requested(request).forEach(r -> requested.put(r.changeNo(), r));
        List<ApprovedChange> approved = new ArrayList<>();
        for (Change change : existing(requestId)) {
            Optional<CorrectableField> field = fields.find(change.field());
            if (change.status() == ChangeStatus.APPROVED && field.isPresent()
                    && field.get().systemId().equals(systemId)) {
                approved.add(new ApprovedChange(change.changeNo(), field.get(),
                        requested.get(change.changeNo()).value()));
            }
        }
        return approved;
    }

    /**
     * Writes the approved changes of the fields a system holds, through its connector, each with an audit entry that
     * shows old→new masked and as keyed hashes (never in clear). A change is marked applied in the transaction that
     * writes it: a retried job skips it.
     *
     * @return the numbers of the changes written now
     */
    @Transactional
    public List<Integer> applyInSystem(String requestId, String systemId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        long accountId = accountOf(request);
        List<Integer> written = new ArrayList<>();
        for (ApprovedChange change : approvedChanges(requestId, systemId)) {
            CorrectableField field = change.field();
            List<String> old = currentValues(field, accountId);
            // a supplement (补充): the provider held no value for the field, so the change adds it
            boolean supplement = holdsNoValue(old);
            long rows = old.isEmpty() ? connector(field).supplement(field, accountId, change.value())
                    : connector(field).correct(field, accountId, change.value());
            markApplied(request, change, rows, supplement ? null : old.get(0), supplement, "system");
            written.add(change.changeNo());
        }
        return written;
    }

    /**
     * The system's worker or a data operator wrote the approved changes of the fields that system holds: each is
     * marked applied and audited (the new value masked and hashed; the old value stayed in that system).
     *
     * @param rows per change number, the rows written (as the worker reported them; absent: unknown)
     * @return the numbers of the changes recorded now
     */
    @Transactional
    public List<Integer> recordAppliedInSystem(String requestId, String systemId, Map<Integer, Long> rows,
                                               String actor) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        List<Integer> recorded = new ArrayList<>();
        for (ApprovedChange change : approvedChanges(requestId, systemId)) {
            markApplied(request, change, rows.getOrDefault(change.changeNo(), -1L), null, false, actor);
            recorded.add(change.changeNo());
        }
        return recorded;
    }

    private void markApplied(RightsRequest request, ApprovedChange change, long rows, String old, boolean supplement,
                             String actor) {
        changes.markApplied(request.id(), change.changeNo(), supplement, time.now());
        audit.applied(request.reference(), actor, change, rows, old, supplement);
    }

    /**
     * After every system's step: the outcome per change, the requester told per field what was corrected and what
     * was not, and why. Writes nothing to a system.
     *
     * <p>What the requester is told about changes not applied: the grounds and explanation passed in (an approved
     * partial refusal of the exemption review), and those of the approved refusal proposal of this correction's own
     * review, read from where it is stored.
     *
     * @param grounds     grounds already set by the review of exemptions, may be empty
     * @param explanation the staff explanation already set by that review, may be null
     */
    @Transactional
    public Result apply(String requestId, List<String> grounds, String explanation) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Optional<RefusalProposal> approvedRefusal = proposals.of(requestId).stream()
                .filter(p -> p.subject() == RefusalSubject.CORRECTION && RefusalProposals.APPROVE.equals(p.approval()))
                .reduce((first, second) -> second);
        Set<String> allGrounds = new java.util.LinkedHashSet<>(grounds == null ? List.of() : grounds);
        approvedRefusal.ifPresent(p -> allGrounds.addAll(p.grounds()));
        List<String> texts = new ArrayList<>();
        if (explanation != null && !explanation.isBlank()) {
            texts.add(explanation.strip());
        }
        approvedRefusal.ifPresent(p -> texts.add(p.explanation()));
        List<Change> all = existing(requestId);
        int applied = (int) all.stream().filter(c -> c.status() == ChangeStatus.APPLIED).count();
        int notApplied = all.size() - applied;
        RequestOutcome outcome = notApplied == 0 ? RequestOutcome.COMPLETED
                : applied == 0 ? RequestOutcome.REFUSED : RequestOutcome.PARTIALLY_COMPLETED;
        Locale locale = CorrectionWording.locale(request.language());
        notices.send(request, NoticeKind.CORRECTION_RESULT, "correction-result:" + request.id(),
                Map.of("changes", wording.resultLines(all, changes.supplements(requestId), locale)));
        audit.outcome(request.reference(), outcome, applied, notApplied);
        return new Result(outcome.name(), applied, notApplied, List.copyOf(allGrounds),
                wording.explanation(texts, all, locale));
    }

    // ------------------------------------------------------------------ reading

    private static List<Requested> requested(RightsRequest request) {
        return CorrectionChanges.requested(request);
    }

    private List<Change> existing(String requestId) {
        return changes.of(requestId);
    }

    /** What staff and the audit trail show for a value the provider does not hold (a supplement's old value). */
    static final String NONE_HELD = "∅";

    /** No row holds the field, or every row holds it empty: a change adds the value (补充) rather than correcting it. */
    static boolean holdsNoValue(List<String> current) {
        return current.stream().allMatch(v -> v == null || v.isBlank());
    }

    private List<String> currentValues(CorrectableField field, long accountId) {
        return connector(field).currentValues(field, accountId);
    }

    /** Whether the application reads the field's system itself (otherwise its worker or a data operator does). */
    private boolean readable(CorrectableField field) {
        return connectors.connector(field.systemId()).supports(ConnectorOperation.CORRECT);
    }

    /** The connector of the field's system; one that cannot correct in the application fails loudly. */
    private SystemConnector connector(CorrectableField field) {
        SystemConnector connector = connectors.connector(field.systemId());
        if (!connector.supports(ConnectorOperation.CORRECT)) {
            throw connector.unsupported(ConnectorOperation.CORRECT);
        }
        return connector;
    }

    private static long accountOf(RightsRequest request) {
        return request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account to correct"));
    }

    private static Integer parse(String number) {
        try {
            return Integer.valueOf(number.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

}
