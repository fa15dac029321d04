package org.rightsflow.fulfilment.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.request.RequestOutcome;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * WITHDRAW_CONSENT (撤回同意, PIPL Art. 15): each purpose of the request is recorded in the ledger, every system's
 * consent register records it in a step of its own, and the requester is told which services stop and that
 * processing before the withdrawal stays valid. Safe to run again: the ledger takes one entry per request and purpose,
 * the notice has a dedup key.
 */
@Service
public class ConsentWithdrawalFulfilment {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestRepository requests;
    private final ConsentRegister register;
    private final ConsentPurposes purposes;
    private final RequesterNotices notices;
    private final AuditTrail audit;
    private final TimeSource time;

    public ConsentWithdrawalFulfilment(RequestRepository requests, ConsentRegister register, ConsentPurposes purposes,
                                    RequesterNotices notices, AuditTrail audit, TimeSource time) {
        this.requests = requests;
        this.register = register;
        this.purposes = purposes;
        this.notices = notices;
        this.audit = audit;
        this.time = time;
    }

    /** Records the withdrawal of each purpose in the ledger, with the time; each system's register follows in a step. */
    @Transactional
    public void record(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account"));
        Instant now = time.now();
        for (String purpose : purposesOf(request)) {
            if (register.withdraw(accountId, purpose, request.reference(), now)) {
                audit.record(request.reference(), "system", "CONSENT_WITHDRAWN", "{\"purpose\":\"" + purpose + "\"}");
            }
        }
    }

    /**
     * Every system recorded the withdrawal: the requester is told which services stop and that earlier processing
     * stays valid.
     *
     * @return the outcome for the requester: COMPLETED (every purpose named is withdrawn)
     */
    @Transactional
    public String notifyWithdrawn(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        Locale language = Locale.forLanguageTag(request.language());
        List<Map<String, Object>> stopped = new ArrayList<>();
        for (String purpose : purposesOf(request)) {
            stopped.add(Map.of("label", purposes.label(purpose, language),
                    "services", purposes.services(purpose, language)));
        }
        notices.send(request, NoticeKind.CONSENT_WITHDRAWN, "consent-withdrawn:" + requestId,
                Map.of("purposes", stopped));
        return RequestOutcome.COMPLETED.name();
    }

    private static List<String> purposesOf(RightsRequest request) {
        try {
            JsonNode details = JSON.readTree(request.detailsJson() == null ? "{}" : request.detailsJson());
            List<String> named = new ArrayList<>();
            details.path("purposes").forEach(p -> named.add(p.asText()));
            if (named.isEmpty()) {
                throw new IllegalStateException("Request " + request.reference() + " names no purpose");
            }
            return named;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Request " + request.reference() + " has unreadable details");
        }
    }
}
