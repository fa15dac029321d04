package org.rightsflow.operations.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The hook every connector calls, so that calls and failures show per system at {@code /actuator/prometheus} as
 * {@code rightsflow_connector_calls_seconds_count{system, operation, outcome}} (outcome {@code success} or
 * {@code failure}) with their durations. These are counted where the call happens (per node): Prometheus adds the
 * nodes up.
 *
 * <pre>{@code
 * List<Row> rows = connectorMetrics.call("crm", "READ", () -> crm.read(handle));
 * }</pre>
 *
 * or, where the call is not a single expression, {@link #record} with the measured duration. {@code system} is the
 * data map's system id and {@code operation} a short constant (READ, COUNT, ERASE, RESTRICT...): never a value
 * that names a person.
 */
@Component
public class ConnectorMetrics {

    public static final String METER = "rightsflow.connector.calls";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    private final MeterRegistry registry;

    public ConnectorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs the call, timing it and counting it as a success, or as a failure when it throws (rethrown as it is). */
    public <T> T call(String system, String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            record(system, operation, true, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (RuntimeException | Error e) {
            record(system, operation, false, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }

    public void run(String system, String operation, Runnable call) {
        call(system, operation, () -> {
            call.run();
            return null;
        });
    }

    public void record(String system, String operation, boolean succeeded, Duration duration) {
        Timer.builder(METER)
                .description("Calls of a connector (data map system), by outcome")
                .tag("system", system)
                .tag("operation", operation)
                .tag("outcome", succeeded ? SUCCESS : FAILURE)
                .register(registry)
                .record(duration);
    }
}
