package org.rightsflow.common;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * A {@code @ConfigurationProperties} record as the application binds it from a configuration that sets none of its
 * properties: every {@code @DefaultValue} applied. So a record's defaults are written once, on its components, and a
 * class built without Spring (a tool, a unit test) gets the very same values.
 */
public final class PropertyDefaults {

    private PropertyDefaults() {
    }

    public static <T> T of(String prefix, Class<T> type) {
        return new Binder().bindOrCreate(prefix, type);
    }
}
