package org.rightsflow.fulfilment.correction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.datamap.CorrectableField;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.ApprovedChange;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment.Change;
import org.rightsflow.request.RequestOutcome;
import org.springframework.stereotype.Component;

/**
 * The audit entries of a correction, as JSON written by Jackson. Values are never in clear: an applied change shows
 * old→new masked and as keyed hashes.
 */
@Component
class CorrectionAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditTrail audit;
    private final byte[] hashKey;

    CorrectionAudit(AuditTrail audit, RightsflowProperties properties) {
        this.audit = audit;
        this.hashKey = ("correction-audit:" + properties.tokenSecret()).getBytes(StandardCharsets.UTF_8);
    }

    /** CORRECTION_REGISTERED: how many changes have each status, by status name in alphabetical order. */
    void registered(String reference, List<Change> changes) {
        Map<String, Integer> counts = changes.stream().collect(Collectors.groupingBy(c -> c.status().name(),
                TreeMap::new, Collectors.summingInt(c -> 1)));
        audit.record(reference, "system", "CORRECTION_REGISTERED", toJson(counts));
    }

    /** CORRECTION_DECIDED: changes approved and not applied, with the grounds of what is not. */
    void decided(String reference, String officer, int approved, int rejected, List<String> grounds) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("approved", approved);
        detail.put("rejected", rejected);
        if (!grounds.isEmpty()) {
            detail.put("grounds", String.join(",", grounds));
        }
        audit.record(reference, officer == null ? "unknown" : officer, "CORRECTION_DECIDED", toJson(detail));
    }

    /**
     * CORRECTION_APPLIED: one change written, old→new masked and as keyed hashes.
     *
     * @param rows the rows written; negative when unknown (a worker did not say)
     * @param old  the value on file before; null when it stayed in the system that wrote it
     */
    void applied(String reference, String actor, ApprovedChange change, long rows, String old, boolean supplement) {
        CorrectableField field = change.field();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("change", change.changeNo());
        detail.put("field", field.field());
        detail.put("system", field.systemId());
        detail.put("category", field.category().name());
        detail.put("sensitive", field.sensitive());
        detail.put("rows", rows < 0 ? null : rows);
        detail.put("supplement", supplement);
        detail.put("old", supplement ? CorrectionFulfilment.NONE_HELD : old == null ? null : ValueMask.mask(field.mask(), old));
        detail.put("oldHash", old == null ? null : keyedHash(old));
        detail.put("new", ValueMask.mask(field.mask(), change.value()));
        detail.put("newHash", keyedHash(change.value()));
        audit.record(reference, actor, "CORRECTION_APPLIED", toJson(detail));
    }

    /** CORRECTION_COMPLETED, _PARTIALLY_COMPLETED or _REFUSED, with the counts. */
    void outcome(String reference, RequestOutcome outcome, int applied, int notApplied) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("applied", applied);
        detail.put("notApplied", notApplied);
        audit.record(reference, "system", "CORRECTION_" + outcome, toJson(detail));
    }

    private String keyedHash(String value) {
        // Keyed (HMAC): proves which value it was for someone holding the server key, without storing the value;
        // a plain hash of a name or ID number could be reversed by trying candidates.
        return Hashing.hmacSha256Hex(hashKey, value);
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
