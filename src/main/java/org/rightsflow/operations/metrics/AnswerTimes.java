package org.rightsflow.operations.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.request.RequestAnswered;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Time from receipt to answer as a histogram by right and outcome ({@code rightsflow_request_answer_days_bucket}),
 * observed when an answer commits on this node: Prometheus adds the nodes up. The buckets are days and bracket the
 * statutory clocks (15 days, 15 working days, 45 days).
 */
@Component
public class AnswerTimes {

    public static final String METER = "rightsflow.request.answer";
    private static final double[] DAYS = {1, 2, 3, 5, 7, 10, 14, 15, 21, 30, 45, 60, 90};

    private final MeterRegistry registry;

    public AnswerTimes(MeterRegistry registry) {
        this.registry = registry;
        // every right and answer from the start, so that dashboards show zeros rather than gaps
        for (RequestType type : RequestType.values()) {
            for (RequestStatus outcome : ReportingRules.inOrder(ReportingRules.ANSWERED)) {
                summary(type.name(), outcome.name());
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void on(RequestAnswered answered) {
        double days = Duration.between(answered.receivedAt(), answered.answeredAt()).toMillis() / 86_400_000d;
        summary(answered.type().name(), answered.status().name()).record(Math.max(0, days));
    }

    DistributionSummary summary(String type, String outcome) {
        return DistributionSummary.builder(METER)
                .description("Days from receipt to the final answer, by right and outcome")
                .baseUnit("days")
                .serviceLevelObjectives(DAYS)
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry);
    }
}
