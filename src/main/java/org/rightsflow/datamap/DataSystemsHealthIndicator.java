package org.rightsflow.datamap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /actuator/health} component {@code dataSystems}: whether each {@code jdbc} system with a database of its own
 * answers. One that does not makes the component {@code DEGRADED} (HTTP 200: the application itself works, requests
 * are taken, and only that system's steps wait in retries and incidents), naming the system, never its URL.
 */
@Component("dataSystems")
public class DataSystemsHealthIndicator implements HealthIndicator {

    /** Some system the application reaches cannot be reached now; the application itself is up. */
    public static final Status DEGRADED = new Status("DEGRADED", "a system of the data map cannot be reached");

    private final DataConnectors connectors;

    public DataSystemsHealthIndicator(DataConnectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public Health health() {
        Map<String, String> systems = new LinkedHashMap<>();
        boolean allUp = true;
        for (JdbcConnector connector : connectors.jdbcConnectors()) {
            if (connector.system().connection() == null) {
                continue; // the application's own database: the "db" component
            }
            boolean up = connector.reachable();
            allUp &= up;
            systems.put(connector.systemId(), up ? "UP" : "DOWN");
        }
        return Health.status(allUp ? Status.UP : DEGRADED).withDetails(systems).build();
    }
}
