package org.rightsflow.fulfilment.systems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.CategoryMapping;
import org.rightsflow.datamap.ConsentRegisterColumns;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataMap;
import org.rightsflow.datamap.DataSystem;
import org.rightsflow.datamap.MappedCategory;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.fulfilment.erasure.ErasureHold;
import org.rightsflow.fulfilment.erasure.ErasureScope;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.fulfilment.restriction.RestrictionFulfilment;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RequestType;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.ReviewScopes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides which systems take part in an operation of a request, with which categories, and plans their steps
 * ({@link SystemSteps#plan}): every system that maps a category in scope gets a step, whatever its kind.
 */
@Service
public class SystemStepPlanner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemSteps steps;
    private final DataMap dataMap;
    private final RequestRepository requests;
    private final ReviewScopes reviewScopes;
    private final ErasureScope erasureScope;
    private final ErasureFulfilment erasure;
    private final CorrectionFulfilment corrections;
    private final RestrictionFulfilment restrictions;
    private final TimeSource time;

    public SystemStepPlanner(SystemSteps steps, DataMap dataMap, RequestRepository requests, ReviewScopes reviewScopes,
                             ErasureScope erasureScope, ErasureFulfilment erasure, CorrectionFulfilment corrections,
                             RestrictionFulfilment restrictions, TimeSource time) {
        this.restrictions = restrictions;
        this.steps = steps;
        this.dataMap = dataMap;
        this.requests = requests;
        this.reviewScopes = reviewScopes;
        this.erasureScope = erasureScope;
        this.erasure = erasure;
        this.corrections = corrections;
        this.time = time;
    }

    /**
     * Plans the steps of an operation for a request.
     *
     * @param planKey the planning process instance (a retried plan returns the same steps)
     * @param holdId  ERASE_EXPIRED only: the erasure hold whose retention ran out
     * @return the step ids, one per system taking part
     */
    @Transactional
    public List<String> plan(String planKey, String requestId, StepOperation operation, String holdId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        StepParameters parameters = new StepParameters(time.now(), holdId, List.of());
        Map<String, Set<DataCategory>> scope = switch (operation) {
            case COUNT, EXPORT -> everySystem(withoutExcluded(requestId));
            case ERASE -> {
                Set<DataCategory> restrictOnly = erasureScope.keptButRestricted(request);
                parameters = new StepParameters(parameters.at(), null, List.of(),
                        restrictOnly.stream().map(Enum::name).toList());
                Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
                categories.addAll(erasureScope.toErase(request));
                categories.addAll(restrictOnly);
                yield everySystem(categories);
            }
            case ERASE_EXPIRED -> heldSystem(erasure.hold(holdId));
            case CORRECT -> corrections.approvedCategoriesBySystem(requestId);
            case WITHDRAW_CONSENT -> {
                List<String> purposes = purposes(request);
                parameters = new StepParameters(parameters.at(), null, purposes);
                yield consentRegisters(purposes);
            }
            // a DELETE or CANCEL_ACCOUNT refused on excessive technical means or impracticality: what it kept;
            // otherwise the restriction the request made (RESTRICT, a disputed correction's contested categories)
            case RESTRICT -> everySystem(request.type() == RequestType.DELETE
                    || request.type() == RequestType.CANCEL_ACCOUNT
                    ? erasureScope.keptButRestricted(request) : restrictions.categoriesToRestrict(requestId));
            // the restriction the request lifted or that ended, where nothing else still holds the rows restricted
            case LIFT_RESTRICTION -> everySystem(restrictions.categoriesToLift(requestId));
        };
        return steps.plan(planKey, requestId, request.reference(), operation, scope, parameters);
    }

    private Set<DataCategory> withoutExcluded(String requestId) {
        Set<DataCategory> categories = EnumSet.allOf(DataCategory.class);
        categories.removeAll(reviewScopes.excluded(requestId));
        return categories;
    }

    /** Per system, the categories in scope that it maps. */
    private Map<String, Set<DataCategory>> everySystem(Set<DataCategory> categories) {
        Map<String, Set<DataCategory>> scope = new LinkedHashMap<>();
        for (DataSystem system : dataMap.systems()) {
            Set<DataCategory> mapped = EnumSet.noneOf(DataCategory.class);
            system.categories().stream().map(CategoryMapping::category).filter(categories::contains)
                    .forEach(mapped::add);
            scope.put(system.id(), mapped);
        }
        return scope;
    }

    /** The hold's system (a hold recorded before holds were per system: every system mapping the category). */
    private Map<String, Set<DataCategory>> heldSystem(ErasureHold hold) {
        if (hold.systemId() != null) {
            return Map.of(hold.systemId(), EnumSet.of(hold.category()));
        }
        return everySystem(EnumSet.of(hold.category()));
    }

    /** The systems whose consent register holds one of the purposes. */
    private Map<String, Set<DataCategory>> consentRegisters(List<String> purposes) {
        Map<String, Set<DataCategory>> scope = new LinkedHashMap<>();
        for (MappedCategory mapped : dataMap.mappings(DataCategory.CONSENTS)) {
            ConsentRegisterColumns register = mapped.mapping().consentRegister();
            if (register != null && purposes.stream().anyMatch(register::holds)) {
                scope.put(mapped.system().id(), EnumSet.of(DataCategory.CONSENTS));
            }
        }
        return scope;
    }

    private static List<String> purposes(RightsRequest request) {
        try {
            JsonNode details = JSON.readTree(request.detailsJson() == null ? "{}" : request.detailsJson());
            List<String> purposes = new ArrayList<>();
            details.path("purposes").forEach(p -> purposes.add(p.asText()));
            return purposes;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Request " + request.reference() + " has unreadable details");
        }
    }
}
