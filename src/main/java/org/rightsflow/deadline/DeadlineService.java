package org.rightsflow.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Computes a request's deadline at receipt: the strictest applicable policy wins. */
@Service
public class DeadlineService {

    private final Map<String, DeadlinePolicy> policiesByCode = new LinkedHashMap<>();
    private final List<DeadlinePolicy> configuredPolicies;
    private final Map<String, List<DeadlinePolicy>> policiesByType = new LinkedHashMap<>();
    private final Duration staffReminderBefore;

    /** @throws UnknownDeadlinePolicyException at start-up if the configuration names a policy nobody defines */
    public DeadlineService(DeadlineProperties properties, List<DeadlinePolicy> knownPolicies) {
        for (DeadlinePolicy policy : knownPolicies) {
            if (policiesByCode.putIfAbsent(policy.code(), policy) != null) {
                throw new IllegalStateException("Two deadline policies share the code " + policy.code());
            }
        }
        this.configuredPolicies = resolve(properties.policies(), "rightsflow.deadline.policies");
        properties.policiesByType().forEach((type, codes) -> {
            List<DeadlinePolicy> all = new ArrayList<>(configuredPolicies);
            for (DeadlinePolicy policy : resolve(codes, "rightsflow.deadline.policies-by-type." + type)) {
                if (!all.contains(policy)) {
                    all.add(policy);
                }
            }
            policiesByType.put(type, List.copyOf(all));
        });
        this.staffReminderBefore = properties.staffReminderBefore();
    }

    /** The deadline under the configured policies ({@code rightsflow.deadline.policies}). */
    public Deadline deadlineFor(Instant receivedAt) {
        return strictest(receivedAt, configuredPolicies);
    }

    /**
     * The deadline of a request of the given type: the configured policies and those of its type
     * ({@code rightsflow.deadline.policies-by-type}). Never throws for a receipt: a date resting on calendar data
     * the product lacks is the earliest possible one and marked {@link Deadline#provisional()}.
     */
    public Deadline deadlineFor(Instant receivedAt, String requestType) {
        return strictest(receivedAt, policiesByType.getOrDefault(requestType, configuredPolicies));
    }

    /** The request types that {@code rightsflow.deadline.policies-by-type} names (checked by the intake at start). */
    public java.util.Set<String> typesWithOwnPolicies() {
        return java.util.Set.copyOf(policiesByType.keySet());
    }

    /**
     * The date a stored deadline's policy gives on the calendar data in force now: whether a provisional due date
     * has become certain, and what the official count says.
     */
    public DueDate recount(String policyCode, Instant receivedAt) {
        DeadlinePolicy policy = policiesByCode.get(policyCode);
        if (policy == null) {
            throw new UnknownDeadlinePolicyException(policyCode, "a stored deadline", policiesByCode.keySet());
        }
        return policy.dueDate(receivedAt);
    }

    /**
     * The deadline under the given policies.
     *
     * @throws UnknownDeadlinePolicyException if a code names no known policy
     */
    public Deadline deadlineFor(Instant receivedAt, Collection<String> applicablePolicyCodes) {
        return strictest(receivedAt, resolve(applicablePolicyCodes, "the applicable policies"));
    }

    /**
     * How far the deadline may be extended under the policy that set it; empty where that policy allows
     * no extension. The policies that lost at receipt are not consulted again.
     */
    public Optional<Instant> extendedDueDate(Deadline deadline) {
        DeadlinePolicy policy = policiesByCode.get(deadline.policyCode());
        if (policy == null) {
            throw new UnknownDeadlinePolicyException(deadline.policyCode(), "a stored deadline", policiesByCode.keySet());
        }
        return policy.extendedDueDate(deadline.receivedAt());
    }

    /**
     * When staff are reminded of a due date that moved (extension, resume): the configured offset before it, never
     * before {@code notBefore} (now).
     */
    public Instant reminderFor(Instant dueAt, Instant notBefore) {
        Instant reminderAt = dueAt.minus(staffReminderBefore);
        return reminderAt.isBefore(notBefore) ? notBefore : reminderAt;
    }

    private Deadline strictest(Instant receivedAt, List<DeadlinePolicy> policies) {
        DeadlinePolicy winner = null;
        DueDate due = null;
        for (DeadlinePolicy policy : policies) {
            DueDate candidate = policy.dueDate(receivedAt);
            if (due == null || candidate.at().isBefore(due.at()) || candidate.at().equals(due.at())
                    && due.provisional() && !candidate.provisional()) {
                // On a tie the policy listed first keeps the win (a repeatable result), unless its date rests on
                // assumed calendar data and the other's does not: the same date is then certain, not provisional.
                winner = policy;
                due = candidate;
            }
        }
        Instant dueAt = due.at();
        Instant reminderAt = dueAt.minus(staffReminderBefore);
        // A deadline shorter than the reminder offset still gets a reminder, as soon as the request arrives.
        if (reminderAt.isBefore(receivedAt)) {
            reminderAt = receivedAt;
        }
        return new Deadline(winner.code(), receivedAt, dueAt, reminderAt, due.provisional());
    }

    private List<DeadlinePolicy> resolve(Collection<String> codes, String where) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("At least one deadline policy must apply (" + where + " is empty)");
        }
        List<DeadlinePolicy> policies = new ArrayList<>();
        for (String code : codes) {
            DeadlinePolicy policy = policiesByCode.get(code);
            if (policy == null) {
                throw new UnknownDeadlinePolicyException(code, where, policiesByCode.keySet());
            }
            policies.add(policy);
        }
        return policies;
    }
}
