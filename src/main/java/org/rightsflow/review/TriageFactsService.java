package org.rightsflow.review;

import java.util.List;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers the triage facts for a verified request. Repetition is counted over a configurable window and is
 * evidence only: it never refuses a request by itself.
 */
@Service
public class TriageFactsService {

    private final RequestRepository requests;
    private final AccountDirectory accounts;
    private final RightsflowProperties properties;

    public TriageFactsService(RequestRepository requests, AccountDirectory accounts, RightsflowProperties properties) {
        this.requests = requests;
        this.accounts = accounts;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public TriageFacts factsFor(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        if (request.accountId() == null) {
            // Only reachable through manual verification of a request without a matching account: a person looks.
            return new TriageFacts(0, List.of(), false, false, false, false);
        }
        AccountFacts account = accounts.findById(request.accountId()).orElseThrow();
        List<String> earlier = requests.earlierReferences(account.id(), request.type(),
                request.receivedAt().minus(properties.repeatWindow()), requestId);
        boolean exportsData = request.type() == RequestType.COPY || request.type() == RequestType.TRANSFER;
        boolean sensitive = exportsData && !accounts.sensitiveCategoriesHeld(account.id()).isEmpty();
        return new TriageFacts(earlier.size(), earlier, account.legalHold(), account.openInvestigation(),
                account.minor(), sensitive);
    }
}
