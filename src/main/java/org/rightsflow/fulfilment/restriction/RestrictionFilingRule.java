package org.rightsflow.fulfilment.restriction;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.request.FilingRule;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestNotFoundException;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.springframework.stereotype.Component;

/**
 * What a RESTRICT filing needs beyond its fields: an end date after today (in Asia/Shanghai), and a lift only of a
 * restriction in force that the same account asked for. Any other lift is answered as an unknown request (404), the
 * same whether the reference, the account or the restriction is wrong.
 */
@Component
public class RestrictionFilingRule implements FilingRule {

    private final RequestRepository requests;
    private final AccountDirectory accounts;
    private final RestrictionFulfilment restrictions;

    public RestrictionFilingRule(RequestRepository requests, AccountDirectory accounts, RestrictionFulfilment restrictions) {
        this.requests = requests;
        this.accounts = accounts;
        this.restrictions = restrictions;
    }

    @Override
    public void check(RequestType type, String accountEmail, JsonNode details, Instant now) {
        if (type != RequestType.RESTRICT || details == null || !details.isObject()) {
            return;
        }
        if (details.path("lift").asBoolean(false)) {
            Long account = accounts.findByEmail(accountEmail).map(AccountFacts::id).orElse(null);
            boolean own = account != null && requests.findByReference(details.path("reference").asText())
                    .filter(r -> r.type() == RequestType.RESTRICT)
                    .flatMap(r -> restrictions.byRequest(r.id()))
                    .filter(r -> r.accountId() == account && RestrictionFulfilment.ACTIVE.equals(r.status()))
                    .isPresent();
            if (!own) {
                throw new RequestNotFoundException("No restriction in force of this account has this reference");
            }
            return;
        }
        if (details.hasNonNull("until")) {
            LocalDate until = LocalDate.parse(details.get("until").asText());
            if (!until.isAfter(LocalDate.ofInstant(now, DataMap.ZONE))) {
                throw new InvalidRequestException("INVALID_DETAILS", "details.until must be a day after today");
            }
        }
    }
}
