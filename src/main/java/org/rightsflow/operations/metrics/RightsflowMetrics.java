package org.rightsflow.operations.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.rightsflow.common.TimeSource;
import org.rightsflow.operations.RefusalGrounds;
import org.rightsflow.operations.RequestCounts;
import org.rightsflow.request.RequestStatus;
import org.rightsflow.request.RequestType;
import org.rightsflow.review.RefusalGround;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The privacy team's figures at {@code /actuator/prometheus}, computed from the database so that every node reports
 * the same numbers (aggregate them across nodes with {@code max}, not {@code sum}), and cached for a short while
 * ({@code rightsflow.metrics.cache-ttl}, default 15 s) so a scrape costs a handful of grouped queries at most:
 * <ul>
 *   <li>{@code rightsflow_requests_filed_total{type}}, {@code rightsflow_requests{type,status}} (every request by
 *       its current status), {@code rightsflow_requests_open}, {@code _overdue} and {@code _due_soon} (due within
 *       3 days) by type and open status;</li>
 *   <li>{@code rightsflow_refusals_total{ground}}: requests refused in whole or in part on each ground;</li>
 *   <li>{@code rightsflow_verification_codes_sent_total{channel}}, {@code _failed_total} (wrong codes) and
 *       {@code rightsflow_verification_locked_total};</li>
 *   <li>{@code rightsflow_outbox_backlog}, {@code _retrying}, {@code _failed} and {@code _oldest_pending_seconds};</li>
 *   <li>{@code rightsflow_engine_incidents{type}}, {@code rightsflow_engine_jobs_executable} and
 *       {@code rightsflow_engine_jobs_without_retries}.</li>
 * </ul>
 * The answer-time histogram ({@link AnswerTimes}) and connector calls ({@link ConnectorMetrics}) are observed where
 * they happen instead.
 */
@Component
public class RightsflowMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(RightsflowMetrics.class);
    /** The engine's incident types worth a series from the start (others appear when they occur). */
    private static final String[] INCIDENT_TYPES = {"failedJob", "failedExternalTask"};

    private final RequestCounts requestCounts;
    private final RefusalGrounds refusalGrounds;
    private final OperationalCounts operationalCounts;
    private final EngineBacklog engine;
    private final TimeSource time;
    private final Duration ttl;
    private volatile Figures cached;

    public RightsflowMetrics(RequestCounts requestCounts, RefusalGrounds refusalGrounds,
                             OperationalCounts operationalCounts, EngineBacklog engine, TimeSource time,
                             @Value("${rightsflow.metrics.cache-ttl:15s}") Duration ttl) {
        this.requestCounts = requestCounts;
        this.refusalGrounds = refusalGrounds;
        this.operationalCounts = operationalCounts;
        this.engine = engine;
        this.time = time;
        this.ttl = ttl;
    }

    /** Everything one scrape reports, read together. */
    record Figures(Instant at, RequestCounts.Snapshot requests, Map<RefusalGround, Long> refusals,
                   OperationalCounts.Verification verification, OperationalCounts.Outbox outbox,
                   EngineBacklog.Figures engine) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RequestType type : RequestType.values()) {
            String t = type.name();
            FunctionCounter.builder("rightsflow.requests.filed", this, m -> m.figures(f -> f.requests().requests(type)))
                    .description("Requests filed, by right").tag("type", t).register(registry);
            for (RequestStatus status : RequestStatus.values()) {
                String s = status.name();
                gauge(registry, "rightsflow.requests", "Requests by right and current status", t, s,
                        f -> f.requests().cell(type, status).requests());
                if (status.isTerminal()) {
                    continue;
                }
                gauge(registry, "rightsflow.requests.open", "Open requests by right and status", t, s,
                        f -> f.requests().cell(type, status).requests());
                gauge(registry, "rightsflow.requests.overdue", "Open requests past their due date", t, s,
                        f -> f.requests().cell(type, status).overdue());
                gauge(registry, "rightsflow.requests.due.soon", "Open requests due within 3 days, not yet overdue",
                        t, s, f -> f.requests().cell(type, status).dueSoon());
            }
        }
        for (RefusalGround ground : RefusalGround.values()) {
            FunctionCounter.builder("rightsflow.refusals", this, m -> m.figures(f -> f.refusals().get(ground)))
                    .description("Requests refused in whole or in part, by ground").tag("ground", ground.name())
                    .register(registry);
        }
        for (String channel : OperationalCounts.CHANNELS) {
            FunctionCounter.builder("rightsflow.verification.codes.sent", this,
                            m -> m.figures(f -> f.verification().codesSentByChannel().getOrDefault(channel, 0L)))
                    .description("Verification codes sent, by channel").tag("channel", channel).register(registry);
        }
        FunctionCounter.builder("rightsflow.verification.codes.failed", this,
                        m -> m.figures(f -> f.verification().failedAttempts()))
                .description("Wrong verification codes entered").register(registry);
        FunctionCounter.builder("rightsflow.verification.locked", this,
                        m -> m.figures(f -> f.verification().lockedRequests()))
                .description("Requests whose verification locked after too many wrong codes").register(registry);
        simpleGauge(registry, "rightsflow.outbox.backlog", "Notices waiting to be sent", f -> f.outbox().backlog());
        simpleGauge(registry, "rightsflow.outbox.retrying", "Waiting notices that failed at least once",
                f -> f.outbox().retrying());
        simpleGauge(registry, "rightsflow.outbox.failed", "Notices given up after the configured attempts",
                f -> f.outbox().failed());
        Gauge.builder("rightsflow.outbox.oldest.pending", this,
                        m -> m.figures(f -> f.outbox().oldestPending().toMillis() / 1000d))
                .description("Age of the oldest notice waiting to be sent").baseUnit("seconds").register(registry);
        for (String type : INCIDENT_TYPES) {
            Gauge.builder("rightsflow.engine.incidents", this,
                            m -> m.figures(f -> f.engine().openIncidentsByType().getOrDefault(type, 0L)))
                    .description("Open engine incidents, by type").tag("type", type).register(registry);
        }
        simpleGauge(registry, "rightsflow.engine.jobs.executable", "Jobs due now with retries left",
                f -> f.engine().executableJobs());
        simpleGauge(registry, "rightsflow.engine.jobs.without.retries", "Jobs whose retries are used up",
                f -> f.engine().jobsWithoutRetries());
    }

    private void gauge(MeterRegistry registry, String name, String description, String type, String status,
                       ToDoubleFunction<Figures> value) {
        Gauge.builder(name, this, m -> m.figures(value)).description(description)
                .tag("type", type).tag("status", status).register(registry);
    }

    private void simpleGauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Figures> value) {
        Gauge.builder(name, this, m -> m.figures(value)).description(description).register(registry);
    }

    private double figures(ToDoubleFunction<Figures> value) {
        Figures figures = current();
        return figures == null ? Double.NaN : value.applyAsDouble(figures);
    }

    /** The figures, read again when older than the cache time; on a database error the last ones (or none). */
    Figures current() {
        Figures figures = cached;
        Instant now = time.now();
        if (figures != null && figures.at().plus(ttl).isAfter(now)) {
            return figures;
        }
        synchronized (this) {
            figures = cached;
            if (figures != null && figures.at().plus(ttl).isAfter(now)) {
                return figures;
            }
            try {
                cached = new Figures(now, requestCounts.at(now), refusalGrounds.countAll(),
                        operationalCounts.verification(), operationalCounts.outbox(now), engine.read());
            } catch (RuntimeException e) {
                log.warn("Metrics could not be read from the database; reporting the last figures: {}", e.toString());
            }
            return cached;
        }
    }

    /** Forgets the cached figures: the next scrape reads the database (tests, and after a bulk correction). */
    public void refreshNow() {
        cached = null;
    }
}
