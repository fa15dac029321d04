package org.rightsflow.datamap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code rightsflow.datamap.*}.
 *
 * @param locations    the data-map documents, one system each (Spring resource locations, patterns allowed)
 * @param fetchSize    the JDBC fetch size used when streaming rows
 * @param verifySchema whether start-up checks that every mapped table and column exists
 */
@ConfigurationProperties("rightsflow.datamap")
public record DataMapProperties(
        @DefaultValue(DataMap.DEFAULT_LOCATION) List<String> locations,
        @DefaultValue("500") int fetchSize,
        @DefaultValue("true") boolean verifySchema) {

    /** The defaults, for code that builds the beans by hand. */
    public static DataMapProperties defaults() {
        return new DataMapProperties(List.of(DataMap.DEFAULT_LOCATION), 500, true);
    }
}
