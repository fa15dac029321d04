package org.rightsflow.datamap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors of every system in the data map. Systems with connector {@code jdbc} get a
 * {@link JdbcConnector} on the application's database (schema checked at start-up); other
 * systems are served by {@link DataSourceConnector} beans with the system's id, except
 * {@code manual} systems, which data operators handle by hand. A system without its connector
 * stops the start.
 */
@Component
public class DataConnectors {

    private final DataMap dataMap;
    private final Map<String, DataSourceConnector> bySystem = new LinkedHashMap<>();

    /**
     * @param jdbcTemplate on the application's database (a JdbcTemplate, so that Spring Boot
     *                     creates this bean after the Flyway migrations)
     * @param connectors   connector beans for systems that are not JDBC databases
     */
    @Autowired
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties,
                          ObjectProvider<DataSourceConnector> connectors) {
        this(dataMap, jdbcTemplate, properties, connectors.orderedStream().toList());
    }

    /**
     * @param jdbcTemplate on the application's database
     * @param connectors   connectors for systems that are not JDBC databases
     */
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties,
                          List<DataSourceConnector> connectors) {
        this.dataMap = dataMap;
        List<String> problems = new ArrayList<>();
        for (DataSourceConnector connector : connectors) {
            if (dataMap.system(connector.systemId()).isEmpty()) {
                problems.add("connector " + connector.getClass().getName() + " serves system '"
                        + connector.systemId() + "', which is not in the data map");
            } else if (bySystem.putIfAbsent(connector.systemId(), connector) != null) {
                problems.add("two connectors serve system '" + connector.systemId() + "'");
            }
        }
        for (DataSystem system : dataMap.systems()) {
            if (DataSystem.JDBC.equals(system.connector())) {
                if (bySystem.containsKey(system.id())) {
                    continue; // an explicitly configured connector wins
                }
                JdbcConnector jdbc = new JdbcConnector(jdbcTemplate.getDataSource(), system, properties.fetchSize());
                if (properties.verifySchema()) {
                    jdbc.verifySchema();
                }
                bySystem.put(system.id(), jdbc);
            } else if (!system.isManual() && !bySystem.containsKey(system.id())) {
                problems.add("system '" + system.id() + "' needs a DataSourceConnector bean with systemId '"
                        + system.id() + "' (or connector \"manual\")");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataMapException("Data map connectors are incomplete:\n - " + String.join("\n - ", problems));
        }
    }

    /** For code that builds the beans by hand: the JDBC connectors only. */
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties) {
        this(dataMap, jdbcTemplate, properties, List.of());
    }

    public DataMap dataMap() {
        return dataMap;
    }

    /** The connector of a system; empty for a manual system. */
    public Optional<DataSourceConnector> forSystem(String systemId) {
        return Optional.ofNullable(bySystem.get(systemId));
    }

    public Optional<DataSourceConnector> forMapping(MappedCategory mapping) {
        return forSystem(mapping.system().id());
    }

    /** Rows of the category held for the subject, summed over the systems that have a connector. */
    public long count(DataCategory category, long subjectId) {
        long total = 0;
        for (MappedCategory mapping : dataMap.mappings(category)) {
            Optional<DataSourceConnector> connector = forMapping(mapping);
            if (connector.isPresent()) {
                total += connector.get().count(category, subjectId);
            }
        }
        return total;
    }

    /** The row count of every category, in category order. */
    public Map<DataCategory, Long> counts(long subjectId) {
        Map<DataCategory, Long> counts = new EnumMap<>(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            counts.put(category, count(category, subjectId));
        }
        return Collections.unmodifiableMap(counts);
    }

    /** The subject's own record in the system that holds it; empty for an unknown subject. */
    public Optional<Map<String, Object>> subjectRecord(long subjectId) {
        return forSystem(dataMap.subjectSystem().id()).flatMap(c -> c.subjectRecord(subjectId));
    }
}
