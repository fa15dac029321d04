package org.rightsflow.fulfilment.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.RefusalGround;
import org.rightsflow.review.RefusalProposals;
import org.rightsflow.review.RefusalSubject;
import org.rightsflow.review.ReviewScopes;
import org.springframework.stereotype.Component;

/**
 * Which categories an erasure acts on: those a DELETE names (all when it names none), every category of a
 * CANCEL_ACCOUNT, in both cases without the categories an approved partial refusal kept. Decided from the request alone, the same every time it is asked.
 */
@Component
public class ErasureScope {


    /**
     * The grounds on which a kept category is still restricted: deleting it would need excessive technical means or
     * is impractical, so it is kept for storage and security only (the privacy statement's promise in that case).
     */
    public static final Set<String> RESTRICT_WHEN_KEPT_ON = Set.of(RefusalGround.EXCESSIVE_TECHNICAL_MEANS.name(),
            RefusalGround.IMPRACTICAL.name());

    private final ReviewScopes reviewScopes;
    private final RefusalProposals proposals;

    public ErasureScope(ReviewScopes reviewScopes, RefusalProposals proposals) {
        this.reviewScopes = reviewScopes;
        this.proposals = proposals;
    }

    /** What the request asked to erase: the named categories of a DELETE, else every category. */
    public Set<DataCategory> asked(RightsRequest request) {
        JsonNode named = request.details().get("categories");
        if (request.type() != RequestType.DELETE || named == null || !named.isArray() || named.isEmpty()) {
            return EnumSet.allOf(DataCategory.class);
        }
        Set<DataCategory> categories = new LinkedHashSet<>();
        named.forEach(c -> categories.add(DataCategory.valueOf(c.asText())));
        return categories;
    }

    /** The asked categories that an approved partial refusal kept out of the erasure. */
    public Set<DataCategory> kept(RightsRequest request) {
        Set<DataCategory> kept = EnumSet.noneOf(DataCategory.class);
        kept.addAll(reviewScopes.excluded(request.id()));
        kept.retainAll(asked(request));
        return kept;
    }

    /**
     * The kept categories that are restricted all the same (storage and security only, no deferred erasure), when the
     * latest approved exemption review of a DELETE or CANCEL_ACCOUNT gives {@link #RESTRICT_WHEN_KEPT_ON} among its
     * grounds: the categories an approved partial refusal kept, or every asked category of an approved refusal (two
     * people each time). Empty otherwise.
     */
    public Set<DataCategory> keptButRestricted(RightsRequest request) {
        if (request.type() != RequestType.DELETE && request.type() != RequestType.CANCEL_ACCOUNT) {
            return EnumSet.noneOf(DataCategory.class);
        }
        return proposals.of(request.id()).stream()
                .filter(p -> p.subject() == RefusalSubject.EXEMPTION_REVIEW && RefusalProposals.APPROVE.equals(p.approval()))
                .reduce((first, second) -> second)
                .filter(p -> restrictsWhatIsKept(request.type().name(), p.decision(), p.grounds()))
                .map(p -> RefusalProposals.REFUSE.equals(p.decision()) ? asked(request) : kept(request))
                .orElseGet(() -> EnumSet.noneOf(DataCategory.class));
    }

    /**
     * Whether an exemption review's refusal, once approved, restricts what it keeps: a DELETE or CANCEL_ACCOUNT refused
     * in part or in full on {@link #RESTRICT_WHEN_KEPT_ON}. Decided from the proposal alone (the workflow asks it
     * before anything is restricted).
     */
    public static boolean restrictsWhatIsKept(String requestType, String decision, java.util.Collection<String> grounds) {
        boolean erasure = RequestType.DELETE.name().equals(requestType)
                || RequestType.CANCEL_ACCOUNT.name().equals(requestType);
        boolean refusing = RefusalProposals.PARTIAL.equals(decision) || RefusalProposals.REFUSE.equals(decision);
        return erasure && refusing && grounds != null && grounds.stream().anyMatch(RESTRICT_WHEN_KEPT_ON::contains);
    }

    /** What is erased (or restricted under a retention rule): asked and not kept. */
    public Set<DataCategory> toErase(RightsRequest request) {
        Set<DataCategory> erase = EnumSet.noneOf(DataCategory.class);
        erase.addAll(asked(request));
        erase.removeAll(kept(request));
        return erase;
    }
}
