package org.rightsflow.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counters of the abuse limits for {@code /actuator/prometheus}: {@code rightsflow_limit_refused_total{limit}} (a use
 * the limit refused: a filing, a message, a sign-in) and {@code rightsflow_limit_reached_total{limit}} (a use that
 * filled a window: for wrong codes, the moment an account's requests go to staff).
 */
@Component
public class LimitMetrics {

    private final MeterRegistry registry;

    public LimitMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(Limit limit) {
        counter("rightsflow.limit.refused", limit).increment();
    }

    void reached(Limit limit) {
        counter("rightsflow.limit.reached", limit).increment();
    }

    private Counter counter(String name, Limit limit) {
        return Counter.builder(name).tag("limit", limit.name())
                .description("Abuse limits: uses refused, or windows filled").register(registry);
    }
}
