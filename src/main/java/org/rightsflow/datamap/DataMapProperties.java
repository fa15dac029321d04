package org.rightsflow.datamap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code rightsflow.datamap.*}.
 *
 * @param locations    the data-map documents, one system each (Spring resource locations: {@code classpath:},
 *                     {@code file:}, patterns allowed)
 * @param fetchSize    the JDBC fetch size used when streaming rows
 * @param verifySchema whether start-up checks that every mapped table and column exists
 * @param connections  the named database connections of {@code jdbc} systems that do not live in the application's
 *                     database (a document names one with {@code "connection"})
 */
@ConfigurationProperties("rightsflow.datamap")
public record DataMapProperties(
        @DefaultValue({DataMap.ACCOUNT_SYSTEM, DataMap.BILLING_SYSTEM}) List<String> locations,
        @DefaultValue("500") int fetchSize,
        @DefaultValue("true") boolean verifySchema,
        @DefaultValue Map<String, Connection> connections) {

    public DataMapProperties {
        connections = Map.copyOf(connections);
    }

    /**
     * A system's own database connection, pooled.
     *
     * @param url               the JDBC URL (from the environment in production)
     * @param username          the database user
     * @param password          the password (from the environment)
     * @param maximumPoolSize   connections kept at most
     * @param connectionTimeout how long a step waits for a connection before it fails (and is retried)
     */
    public record Connection(String url, String username, String password,
                             @DefaultValue("5") int maximumPoolSize,
                             @DefaultValue("5s") Duration connectionTimeout) {
    }

    /** The defaults, for code that builds the beans by hand. */
    public static DataMapProperties defaults() {
        return new DataMapProperties(List.of(DataMap.DEFAULT_LOCATIONS), 500, true, Map.of());
    }
}
