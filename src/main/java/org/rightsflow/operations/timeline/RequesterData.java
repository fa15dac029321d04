package org.rightsflow.operations.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The personal data behind a request, unmasked, for the one group that decides on it (the web layer checks the
 * group): what a requester typed that an officer decides on (the values a CORRECT asks for, a TRANSFER's recipient)
 * and the contacts intake staff check identity with (the email the request was filed with, the contacts on file).
 * Every view is an audit entry in the same transaction: no view without its record.
 */
@Service
public class RequesterData {

    public static final String VALUES_VIEWED = "REQUESTER_VALUES_VIEWED";
    public static final String CONTACTS_VIEWED = "CONTACTS_VIEWED";

    private final RequestRepository requests;
    private final AccountDirectory accounts;
    private final AuditTrail audit;
    private final CorrectionFulfilment corrections;

    public RequesterData(RequestRepository requests, AccountDirectory accounts, AuditTrail audit,
                         CorrectionFulfilment corrections) {
        this.requests = requests;
        this.accounts = accounts;
        this.audit = audit;
        this.corrections = corrections;
    }

    /** A labelled value (labels are codes the page translates: {@code field:<name>}, {@code recipientName}...). */
    public record Item(String label, String value) {
    }

    /** Whether the request has typed values an officer decides on (CORRECT, TRANSFER, an EXPLAIN's question). */
    public static boolean hasTypedValues(RequestType type) {
        return type == RequestType.CORRECT || type == RequestType.TRANSFER || type == RequestType.EXPLAIN;
    }

    @Transactional
    public List<Item> typedValues(String reference, String staffUser) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        List<Item> items = new ArrayList<>();
        JsonNode details = request.details();
        if (request.type() == RequestType.CORRECT) {
            // What the officer judges: each field's values on file beside the requested value, unmasked.
            for (CorrectionFulfilment.ChangeToJudge change : corrections.toJudge(request.id())) {
                // labels are "field:<name>:current|requested"; a name never holds the separator
                String name = (change.label() == null ? change.field() : change.label()).replace(':', ' ');
                items.add(new Item("field:" + name + ":current", change.current().isEmpty() ? "—"
                        : String.join(" | ", change.current())));
                items.add(new Item("field:" + name + ":requested", change.requested()));
            }
        } else if (request.type() == RequestType.TRANSFER) {
            items.add(new Item("recipientName", details.path("recipientName").asText()));
            items.add(new Item("recipientEmail", details.path("recipientEmail").asText()));
        } else if (request.type() == RequestType.EXPLAIN) {
            // plain text: the page escapes it, nothing renders it as markup
            items.add(new Item("question", details.path("question").asText()));
            List<String> topics = new ArrayList<>();
            details.path("topics").forEach(t -> topics.add(t.asText()));
            items.add(new Item("topics", String.join(", ", topics)));
        }
        audit.record(reference, staffUser, VALUES_VIEWED, "{\"items\":" + items.size() + "}");
        return items;
    }

    @Transactional
    public List<Item> contacts(String reference, String staffUser) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        List<Item> items = new ArrayList<>();
        items.add(new Item("filedWith", request.accountEmail()));
        request.account().flatMap(accounts::findById).ifPresent((AccountFacts account) -> {
            items.add(new Item("emailOnFile", account.email()));
            items.add(new Item("phoneOnFile", account.phone() == null ? "" : account.phone()));
            if (account.guardianEmail() != null) {
                items.add(new Item("guardianEmail", account.guardianEmail()));
                items.add(new Item("guardianPhone", account.guardianPhone() == null ? "" : account.guardianPhone()));
            }
        });
        audit.record(reference, staffUser, CONTACTS_VIEWED, "{\"items\":" + items.size() + "}");
        return items;
    }

}
