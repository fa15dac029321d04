package org.rightsflow.fulfilment.systems;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.DataSystem;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.request.SystemResults;
import org.rightsflow.review.CategoryWords;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the requester and staff are told about each system's part: one line per system in the result notice (what
 * was done, restricted until when and why, or done by hand by our staff), and — when a system's step stops in an
 * incident — that this part is pending, which system and categories it concerns, and that it is not completed.
 */
@Service
public class SystemStepNotices implements SystemResults {

    private final SystemSteps steps;
    private final DataMap dataMap;
    private final RequestRepository requests;
    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final RightsflowProperties properties;

    public SystemStepNotices(SystemSteps steps, DataMap dataMap, RequestRepository requests,
                             RequesterContacts contacts, Outbox outbox, AuditTrail audit,
                             RightsflowProperties properties) {
        this.steps = steps;
        this.dataMap = dataMap;
        this.requests = requests;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
        this.properties = properties;
    }

    /** One line per system that took part in the request, in the request's language. */
    @Override
    public List<String> perSystem(String requestId, String language) {
        Locale locale = Locale.forLanguageTag(language);
        boolean zh = !LocalizedText.isEnglish(locale);
        List<String> lines = new ArrayList<>();
        for (SystemStep step : steps.steps(requestId)) {
            if (step.operation() == StepOperation.ERASE_EXPIRED) {
                continue; // told in its own notice when the retention ends
            }
            lines.add(systemLabel(step.systemId(), locale) + (zh ? "：" : ": ") + what(step, zh, locale));
        }
        return lines;
    }

    /**
     * What a refusal kept from a deletion and what was restricted instead: the kept categories of an ERASE step
     * (partial refusal), and every category of a RESTRICT step of a DELETE or CANCEL_ACCOUNT (full refusal), once
     * their step is done.
     */
    @Override
    public List<String> keptRestricted(String requestId, String language) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        boolean erasure = request.type() == RequestType.DELETE || request.type() == RequestType.CANCEL_ACCOUNT;
        java.util.Set<DataCategory> restricted = java.util.EnumSet.noneOf(DataCategory.class);
        for (SystemStep step : steps.steps(requestId)) {
            if (!step.done()) {
                continue;
            }
            if (step.operation() == StepOperation.ERASE) {
                step.categories().stream().filter(c -> step.parameters().restrictOnly(c)).forEach(restricted::add);
            } else if (step.operation() == StepOperation.RESTRICT && erasure) {
                restricted.addAll(step.categories());
            }
        }
        return CategoryWords.describe(restricted.stream().map(Enum::name).toList(), language);
    }

    /**
     * One row per step of a request for the staff page, in the staff member's language: the system, the operation,
     * who carries it out ({@code CONNECTOR}, {@code WORKER}, {@code PERSON}, {@code HANDED_OVER}: the worker ran out
     * of time), whether it is done or stopped in an incident, what was done, and the data operator's record.
     */
    public record StaffRow(String system, String operation, String by, String state, String what, String note,
                           java.time.Instant completedAt) {
    }

    public List<StaffRow> staffRows(String requestId, Locale locale) {
        boolean zh = !LocalizedText.isEnglish(locale);
        List<StaffRow> rows = new ArrayList<>();
        for (SystemStep step : steps.steps(requestId)) {
            String by = step.handedOver() ? "HANDED_OVER" : switch (step.execution()) {
                case IN_PROCESS -> "CONNECTOR";
                case WORKER -> "WORKER";
                case PERSON -> "PERSON";
            };
            String state = step.done() ? "DONE" : steps.stalled(step.id()) ? "STALLED" : "PENDING";
            rows.add(new StaffRow(systemLabel(step.systemId(), locale), step.operation().name(), by, state,
                    step.done() ? what(step, zh, locale) : "", step.note(), step.completedAt()));
        }
        return rows;
    }

    private String what(SystemStep step, boolean zh, Locale locale) {
        if (!step.done()) {
            return zh ? "尚未完成" : "not completed yet";
        }
        if (step.byPerson()) {
            String how = step.handedOver()
                    ? (zh ? "该系统未在时限内完成，已由我们的工作人员人工处理" : "that system did not finish in time; our staff did it by hand")
                    : (zh ? "由我们的工作人员人工处理" : "done by hand by our staff");
            return how + (step.outcome() != null && step.outcome().records() != null
                    ? (zh ? "（" + step.outcome().records() + " 条记录）" : " (" + step.outcome().records() + " records)")
                    : "");
        }
        StepOutcome outcome = step.outcome();
        long rows = outcome.rows();
        return switch (step.operation()) {
            case COUNT -> zh ? "查到 " + rows + " 条记录" : rows + " records found";
            case EXPORT -> zh ? rows + " 条记录已放入副本" : rows + " records in the copy";
            case ERASE, ERASE_EXPIRED -> erased(step, zh, locale);
            case CORRECT -> zh ? "已更正 " + outcome.changes().size() + " 项" : outcome.changes().size() + " changes made";
            case WITHDRAW_CONSENT -> zh ? "已记录撤回同意" : "withdrawal of consent recorded";
            case RESTRICT -> zh ? "已限制处理 " + rows + " 条记录（仅作存储和安全保护）"
                    : rows + " records restricted to storage and security";
            case LIFT_RESTRICTION -> zh ? "已解除 " + rows + " 条记录的限制" : "restriction lifted from " + rows + " records";
        };
    }

    private String erased(SystemStep step, boolean zh, Locale locale) {
        List<String> parts = new ArrayList<>();
        long erased = step.outcome().categories().stream().mapToLong(CategoryOutcome::erased).sum();
        parts.add(zh ? "已删除或匿名化 " + erased + " 条记录" : erased + " records deleted or anonymised now");
        for (CategoryOutcome category : step.outcome().categories()) {
            if (category.restricted() == 0) {
                continue;
            }
            String label = categoryLabel(step.systemId(), category.category(), locale);
            if (step.parameters().restrictOnly(category.category())) {
                parts.add(zh ? label + " " + category.restricted() + " 条经审核未予删除，已限制处理（仅作存储和安全保护）"
                        : label + ": " + category.restricted() + " records kept after review, restricted to storage"
                        + " and security");
                continue;
            }
            String until = category.lastExpiry() == null ? "" : NoticeFormats.dateTime(category.lastExpiry());
            String basis = dataMap.system(step.systemId()).flatMap(s -> s.category(category.category()))
                    .flatMap(m -> m.retentionRule()).map(r -> r.basis().in(locale)).orElse("");
            parts.add(zh ? label + " " + category.restricted() + " 条依法保存（" + basis + "），至 " + until
                    + " 期间仅作存储和安全保护，届时删除"
                    : label + ": " + category.restricted() + " records kept as the law requires (" + basis
                    + "), restricted to storage and security until " + until + ", then deleted");
        }
        return String.join(zh ? "；" : "; ", parts);
    }

    /**
     * A system's step stopped in an incident (its retries are used up): the requester is told once which part of
     * the request is pending — the system and the categories — and that it is not completed; staff are told too.
     */
    @Transactional
    public void reportStalled(String stepId) {
        if (!steps.markStalled(stepId)) {
            return;
        }
        SystemStep step = steps.step(stepId);
        audit.record(step.reference(), "system", "SYSTEM_STEP_STALLED", "{\"system\":\"" + step.systemId()
                + "\",\"operation\":\"" + step.operation() + "\"}");
        if (step.requestId() == null) {
            return;
        }
        RightsRequest request = requests.findById(step.requestId()).orElseThrow();
        Locale locale = Locale.forLanguageTag(request.language());
        Optional<RequesterContacts.Contact> contact = request.type() == RequestType.CANCEL_ACCOUNT
                ? contacts.onFileIncludingDeactivated(request) : contacts.onFile(request);
        contact.ifPresent(c -> {
            Map<String, Object> model = new HashMap<>();
            model.put("reference", request.reference());
            model.put("system", systemLabel(step.systemId(), locale));
            model.put("categories", step.categories().stream()
                    .map(category -> categoryLabel(step.systemId(), category, locale)).toList());
            model.put("statusUrl", properties.publicBaseUrl() + "/privacy/status/" + request.reference());
            outbox.enqueue(new Notice("part-pending:" + stepId, request.id(), NoticeKind.PART_PENDING, c.email(),
                    request.language(), model));
        });
        outbox.enqueue(new Notice("staff-step-incident:" + stepId, request.id(), NoticeKind.STAFF_SYSTEM_STEP_INCIDENT,
                properties.staffMailbox(), "en", Map.of(
                        "reference", request.reference(),
                        "system", step.systemId(),
                        "operation", step.operation().name(),
                        "cockpitUrl", properties.publicBaseUrl() + "/camunda/app/cockpit/")));
    }

    private String systemLabel(String systemId, Locale locale) {
        return dataMap.system(systemId).map(DataSystem::label).map(l -> l.in(locale)).orElse(systemId);
    }

    private String categoryLabel(String systemId, DataCategory category, Locale locale) {
        return dataMap.system(systemId).flatMap(s -> s.category(category)).map(m -> m.label().in(locale))
                .orElse(category.name());
    }
}
