package org.rightsflow.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.request.RequestDetailsValidator;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers the triage facts for a verified request. Repetition is counted over a configurable window and is
 * evidence only: it never refuses a request by itself; neither does a DELETE without a stated ground, which always goes
 * to a privacy officer, nor a referral to review by staff.
 */
@Service
public class TriageFactsService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestRepository requests;
    private final AccountDirectory accounts;
    private final RightsflowProperties properties;
    private final ReviewReferrals referrals;

    public TriageFactsService(RequestRepository requests, AccountDirectory accounts, RightsflowProperties properties,
                              ReviewReferrals referrals) {
        this.requests = requests;
        this.accounts = accounts;
        this.properties = properties;
        this.referrals = referrals;
    }

    /**
     * The facts of a verified request. Takes the request's row lock, so that a referral to review made at this moment
     * is either seen here or made after the triage (and then seen when fulfilment is about to start).
     */
    @Transactional
    public TriageFacts factsFor(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        boolean groundMissing = deletionGroundMissing(request);
        // Every request of a close relative of a deceased holder goes to the exemption review (PIPL Art. 49: their own
        // lawful interest, and never against the deceased's own arrangement), as if an officer had referred it.
        boolean referred = referrals.pending(requestId)
                || request.filedAs() == org.rightsflow.request.FiledAs.CLOSE_RELATIVE_OF_DECEASED;
        boolean enteredByStaff = requests.enteredBy(requestId).isPresent();
        if (request.accountId() == null) {
            // Only reachable through manual verification of a request without a matching account: a person looks.
            return new TriageFacts(0, List.of(), false, false, false, false, groundMissing, referred, enteredByStaff);
        }
        AccountFacts account = accounts.findById(request.accountId()).orElseThrow();
        List<String> earlier = requests.earlierReferences(account.id(), request.type(),
                request.receivedAt().minus(properties.repeatWindow()), requestId);
        boolean exportsData = request.type() == RequestType.COPY || request.type() == RequestType.TRANSFER;
        boolean sensitive = exportsData && !accounts.sensitiveCategoriesHeld(account.id()).isEmpty();
        return new TriageFacts(earlier.size(), earlier, account.legalHold(), account.openInvestigation(),
                account.minor(), sensitive, groundMissing, referred, enteredByStaff);
    }

    /**
     * A DELETE needs one of the five deletion grounds of PIPL Art. 47. The Privacy Center and the API keep the ground
     * optional (a requester may not know it), so a missing one is a finding for the officer, never a refusal.
     */
    static boolean deletionGroundMissing(RightsRequest request) {
        if (request.type() != RequestType.DELETE) {
            return false;
        }
        try {
            JsonNode ground = request.detailsJson() == null ? null : JSON.readTree(request.detailsJson()).get("ground");
            return ground == null || !ground.isTextual()
                    || !RequestDetailsValidator.DELETION_GROUNDS.contains(ground.asText());
        } catch (JsonProcessingException e) {
            return true;
        }
    }
}
