package org.rightsflow.datamap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pooled database connections of the {@code jdbc} systems that do not live in the application's database, one
 * per connection name that a data-map document uses ({@code rightsflow.datamap.connections.<name>}). A pool is
 * created without connecting: a system whose database is down when the application starts does not stop the start;
 * its steps fail (and are retried) until it is back, and the health endpoint shows it.
 */
@Component
public class DatabaseConnections implements DisposableBean {

    private final Map<String, DataSource> byName = new LinkedHashMap<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    @org.springframework.beans.factory.annotation.Autowired
    public DatabaseConnections(DataMap dataMap, DataMapProperties properties,
                               org.springframework.beans.factory.ObjectProvider<ConnectionInitializer> initializers) {
        this(dataMap, properties, initializers.orderedStream().toList());
    }

    public DatabaseConnections(DataMap dataMap, DataMapProperties properties, List<ConnectionInitializer> initializers) {
        List<String> problems = new ArrayList<>();
        for (DataSystem system : dataMap.systems()) {
            String name = system.connection();
            if (name == null || byName.containsKey(name)) {
                continue;
            }
            DataMapProperties.Connection connection = properties.connections().get(name);
            if (connection == null || connection.url() == null || connection.url().isBlank()) {
                problems.add("system '" + system.id() + "' names connection '" + name + "', which has no URL:"
                        + " set rightsflow.datamap.connections." + name + ".url (environment variable RIGHTSFLOW_DATAMAP_CONNECTIONS_"
                        + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL), .username and .password");
                continue;
            }
            HikariConfig config = new HikariConfig();
            config.setPoolName("datamap-" + name);
            config.setJdbcUrl(connection.url());
            config.setUsername(connection.username());
            config.setPassword(connection.password());
            config.setMaximumPoolSize(connection.maximumPoolSize());
            config.setMinimumIdle(0);
            config.setConnectionTimeout(Math.max(250, connection.connectionTimeout().toMillis()));
            // start even when the database is down: its steps fail into retries and incidents instead
            config.setInitializationFailTimeout(-1);
            HikariDataSource pool = new HikariDataSource(config);
            pools.add(pool);
            byName.put(name, pool);
        }
        if (!problems.isEmpty()) {
            destroy();
            throw new DataMapException("Data map connections are incomplete:\n - " + String.join("\n - ", problems));
        }
        for (ConnectionInitializer initializer : initializers) {
            dataSource(initializer.connection()).ifPresent(initializer::initialize);
        }
    }

    /** For code that builds the beans by hand: connections given as data sources. */
    public DatabaseConnections(Map<String, DataSource> dataSources) {
        byName.putAll(dataSources);
    }

    /** No connection of its own for any system. */
    public static DatabaseConnections none() {
        return new DatabaseConnections(Map.of());
    }

    public Optional<DataSource> dataSource(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public void destroy() {
        pools.forEach(HikariDataSource::close);
    }
}
