package org.rightsflow.request;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.limits.RequesterLimits;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.springframework.stereotype.Component;

/**
 * The one way a notice about a request reaches the requester: to the contact on file (none on file: nothing is
 * sent), in the request's language, through the outbox and at most once per dedup key (a retried job sends nothing
 * twice). Every notice names the request's reference; {@link #aboutRequest} adds what every notice of the life cycle
 * names.
 */
@Component
public class RequesterNotices {

    /**
     * Notices that anyone can cause by filing in an account's name: before the request is verified they count
     * towards the contact's message limit (README, "Security"), like codes and reminders, so that nobody can flood
     * an account holder's mailbox by filing and withdrawing. An unknown account's limit counts on the email as filed.
     */
    private static final Set<NoticeKind> UNSOLICITED_BEFORE_VERIFICATION =
            EnumSet.of(NoticeKind.ACKNOWLEDGEMENT, NoticeKind.WITHDRAWN, NoticeKind.CLOSED_UNVERIFIED);

    private final RequesterContacts contacts;
    private final Outbox outbox;
    private final StatusLinks statusLinks;
    private final RequestRepository requests;
    private final RequesterLimits limits;
    private final AuditTrail audit;

    public RequesterNotices(RequesterContacts contacts, Outbox outbox, StatusLinks statusLinks,
                            RequestRepository requests, RequesterLimits limits, AuditTrail audit) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.statusLinks = statusLinks;
        this.requests = requests;
        this.limits = limits;
        this.audit = audit;
    }

    /** A notice to the contact on file, with the request's {@code reference} added to {@code model}. */
    public void send(RightsRequest request, NoticeKind kind, String dedupKey, Map<String, Object> model) {
        send(request, contacts.onFile(request), kind, dedupKey, model);
    }

    /** The same to the contact given (a closed account's certificate goes to the contact it had). */
    public void send(RightsRequest request, Optional<RequesterContacts.Contact> to, NoticeKind kind, String dedupKey,
                     Map<String, Object> model) {
        to.ifPresent(contact -> enqueue(request, contact, kind, dedupKey, new HashMap<>(model)));
    }

    /**
     * A notice of the request's life cycle: besides {@code extra} it names the right, the dates, the link to the
     * status page and whom it speaks to. Before verification, a notice that anyone could cause by filing is held
     * back (and audited) once the contact's message limit is reached.
     */
    public void aboutRequest(RightsRequest request, NoticeKind kind, String dedupKey, Map<String, Object> extra) {
        aboutRequest(request, null, kind, dedupKey, extra);
    }

    /**
     * The same, for a caller that read whether staff entered the request with the request itself
     * ({@link RequestRepository#findWithEntry}): one read less.
     */
    public void aboutRequest(RequestRepository.WithEntry request, NoticeKind kind, String dedupKey,
                             Map<String, Object> extra) {
        aboutRequest(request.request(), request.enteredByStaff(), kind, dedupKey, extra);
    }

    private void aboutRequest(RightsRequest request, Boolean enteredByStaff, NoticeKind kind, String dedupKey,
                              Map<String, Object> extra) {
        var onFile = contacts.onFile(request);
        if (request.verifiedAt() == null && UNSOLICITED_BEFORE_VERIFICATION.contains(kind)) {
            String address = onFile.map(RequesterContacts.Contact::email).orElse(request.accountEmail());
            if (!limits.messageToEmail(address).allowed()) {
                audit.record(request.reference(), "system", "NOTICE_HELD_BACK",
                        "{\"kind\":\"" + kind + "\",\"reason\":\"CONTACT_LIMIT\"}");
                return;
            }
        }
        onFile.ifPresent(contact -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.put("requestType", request.type().label(request.language()));
            model.put("requestTypeCode", request.type().name());
            model.put("receivedAt", NoticeFormats.dateTime(request.receivedAt()));
            model.put("dueAt", NoticeFormats.dateTime(request.dueAt()));
            model.put("statusUrl", statusLinks.url(request));
            // who the notice speaks to: a guardian about a minor's data; a request staff entered (codes are not used)
            model.put("guardian", contact.guardian());
            model.put("staffEntered", enteredByStaff != null ? enteredByStaff : requests.enteredBy(request.id()).isPresent());
            enqueueWorded(request, contact, kind, dedupKey, model);
        });
    }

    /**
     * Enqueues a notice to the request's contact on file ({@link RequesterContacts#onFile}), worded here for that
     * contact as the outbox's {@link org.rightsflow.notice.NoticeAddressee} would word it, without reading the
     * request and the account again (two statements a notice, four a filing: BENCHMARKS.md, figure 1).
     */
    public void enqueueWorded(RightsRequest request, RequesterContacts.Contact contact, NoticeKind kind, String dedupKey,
                              Map<String, Object> model) {
        if (contact.email() == null) {
            enqueue(request, contact, kind, dedupKey, model);
            return;
        }
        model.put("reference", request.reference());
        outbox.enqueueWorded(new Notice(dedupKey, request.id(), kind, contact.email(), request.language(), model),
                RequesterNoticeWording.wording(request, contact, request.language()));
    }

    private void enqueue(RightsRequest request, RequesterContacts.Contact contact, NoticeKind kind, String dedupKey,
                         Map<String, Object> model) {
        model.put("reference", request.reference());
        outbox.enqueue(new Notice(dedupKey, request.id(), kind, contact.email(), request.language(), model));
    }
}
