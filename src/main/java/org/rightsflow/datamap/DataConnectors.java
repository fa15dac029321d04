package org.rightsflow.datamap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connector of every system in the data map. Systems with connector {@code jdbc} get a {@link JdbcConnector} on
 * the application's database or on their own connection ({@link DatabaseConnections}), schema checked at start-up
 * (or, for a database of its own that is down at start, at its first use); {@code external-task} and {@code manual}
 * systems get a
 * {@link DelegatedSystemConnector} (their worker or a data operator does the work); any other system is served by
 * the {@link SystemConnector} bean with the system's id. A system without its connector stops the start, and so does
 * a connector bean for a system the data map does not know.
 */
@Component
public class DataConnectors {

    private final DataMap dataMap;
    private final Map<String, SystemConnector> bySystem = new LinkedHashMap<>();

    /**
     * @param jdbcTemplate on the application's database (a JdbcTemplate, so that Spring Boot
     *                     creates this bean after the Flyway migrations)
     * @param connectors   connector beans for systems that are not JDBC databases
     */
    @Autowired
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties,
                          DatabaseConnections databases, ObjectProvider<SystemConnector> connectors) {
        this(dataMap, jdbcTemplate, properties, databases, connectors.orderedStream().toList());
    }

    /**
     * @param jdbcTemplate on the application's database
     * @param databases    the connections of systems with a database of their own
     * @param connectors   connectors for systems that are not JDBC databases
     */
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties,
                          DatabaseConnections databases, List<SystemConnector> connectors) {
        this.dataMap = dataMap;
        List<String> problems = new ArrayList<>();
        for (SystemConnector connector : connectors) {
            if (dataMap.system(connector.systemId()).isEmpty()) {
                problems.add("connector " + connector.getClass().getName() + " serves system '"
                        + connector.systemId() + "', which is not in the data map");
            } else if (bySystem.putIfAbsent(connector.systemId(), connector) != null) {
                problems.add("two connectors serve system '" + connector.systemId() + "'");
            }
        }
        for (DataSystem system : dataMap.systems()) {
            if (bySystem.containsKey(system.id())) {
                if (system.isManual() || system.isExternalTask()) {
                    problems.add("system '" + system.id() + "' is declared \"" + system.connector()
                            + "\": a connector bean cannot serve it");
                }
                continue; // an explicitly configured connector wins
            }
            if (DataSystem.JDBC.equals(system.connector())) {
                Optional<DataSource> own = system.connection() == null ? Optional.of(jdbcTemplate.getDataSource())
                        : databases.dataSource(system.connection());
                if (own.isEmpty()) {
                    problems.add("system '" + system.id() + "' names connection '" + system.connection()
                            + "', which is not configured");
                    continue;
                }
                JdbcConnector jdbc = new JdbcConnector(own.get(), system, properties.fetchSize());
                if (properties.verifySchema()) {
                    jdbc.verifySchemaAtStart(system.connection() != null);
                }
                bySystem.put(system.id(), jdbc);
            } else if (system.isManual()) {
                bySystem.put(system.id(), new DelegatedSystemConnector(system.id(), SystemConnector.Execution.PERSON));
            } else if (system.isExternalTask()) {
                bySystem.put(system.id(), new DelegatedSystemConnector(system.id(), SystemConnector.Execution.WORKER));
            } else {
                problems.add("system '" + system.id() + "' needs a SystemConnector bean with systemId '"
                        + system.id() + "' (or connector \"jdbc\", \"external-task\" or \"manual\")");
            }
        }
        for (MappedCategory mapping : dataMap.mappings()) {
            SystemConnector connector = bySystem.get(mapping.system().id());
            if (mapping.mapping().blocksCancellation() != null && connector != null
                    && !connector.supports(ConnectorOperation.COUNT)) {
                problems.add("system '" + mapping.system().id() + "', category " + mapping.category()
                        + ": blocksCancellation needs a system the application can count in itself");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataMapException("Data map connectors are incomplete:\n - " + String.join("\n - ", problems));
        }
    }

    /** For code that builds the beans by hand: the built-in connectors only, every system in one database. */
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties) {
        this(dataMap, jdbcTemplate, properties, List.of());
    }

    /** For code that builds the beans by hand: every system in one database, and connector beans. */
    public DataConnectors(DataMap dataMap, JdbcTemplate jdbcTemplate, DataMapProperties properties,
                          List<SystemConnector> connectors) {
        this(dataMap, jdbcTemplate, properties, sameDatabase(dataMap, jdbcTemplate.getDataSource()), connectors);
    }

    /** Every named connection of the data map pointing at one database (tests and tools). */
    public static DatabaseConnections sameDatabase(DataMap dataMap, DataSource dataSource) {
        Map<String, DataSource> all = new LinkedHashMap<>();
        dataMap.systems().stream().map(DataSystem::connection).filter(java.util.Objects::nonNull)
                .forEach(name -> all.put(name, dataSource));
        return new DatabaseConnections(all);
    }

    public DataMap dataMap() {
        return dataMap;
    }

    /** The connector of a system; empty only for a system the data map does not know. */
    public Optional<SystemConnector> forSystem(String systemId) {
        return Optional.ofNullable(bySystem.get(systemId));
    }

    /** The connector of a system of the data map. */
    public SystemConnector connector(String systemId) {
        return forSystem(systemId).orElseThrow(
                () -> new IllegalArgumentException("system '" + systemId + "' is not in the data map"));
    }

    public SystemConnector forMapping(MappedCategory mapping) {
        return connector(mapping.system().id());
    }

    /** The connectors of the {@code jdbc} systems, in data-map order. */
    public List<JdbcConnector> jdbcConnectors() {
        return bySystem.values().stream().filter(JdbcConnector.class::isInstance).map(JdbcConnector.class::cast)
                .toList();
    }

    /**
     * Rows of the category held for the subject, summed over every system that maps it.
     *
     * @throws UnsupportedConnectorOperationException when a system that maps it cannot be counted in the
     *                                                application (its worker or a data operator counts it)
     */
    public long count(DataCategory category, long subjectId) {
        long total = 0;
        for (MappedCategory mapping : dataMap.mappings(category)) {
            total += forMapping(mapping).count(category, subjectId);
        }
        return total;
    }

    /** Rows of the category that block the subject's account cancellation, summed over every system. */
    public long cancellationBlockers(DataCategory category, long subjectId) {
        long total = 0;
        for (MappedCategory mapping : dataMap.mappings(category)) {
            if (mapping.mapping().blocksCancellation() != null) {
                total += forMapping(mapping).countCancellationBlockers(category, subjectId);
            }
        }
        return total;
    }

    /** The row count of every category, in category order (see {@link #count}). */
    public Map<DataCategory, Long> counts(long subjectId) {
        Map<DataCategory, Long> counts = new EnumMap<>(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            counts.put(category, count(category, subjectId));
        }
        return Collections.unmodifiableMap(counts);
    }

    /** The subject's own record in the system that holds it; empty for an unknown subject. */
    public Optional<Map<String, Object>> subjectRecord(long subjectId) {
        return connector(dataMap.subjectSystem().id()).subjectRecord(subjectId);
    }
}
