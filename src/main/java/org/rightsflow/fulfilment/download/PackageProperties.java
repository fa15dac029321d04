package org.rightsflow.fulfilment.download;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where packages are kept and the key that protects their keys.
 *
 * @param storageDir the folder of the encrypted package files (default {@code <rightsflow.data-dir>/packages}, so {@code ./data/packages})
 * @param masterKey  the server's master key (32+ characters, or base64 of 32 random bytes): it wraps every package's
 *                   own key; the postgres profile takes it from {@code RIGHTSFLOW_PACKAGES_MASTER_KEY}
 */
@ConfigurationProperties(prefix = "rightsflow.packages")
public record PackageProperties(@DefaultValue("data/packages") Path storageDir, String masterKey) {

    public PackageProperties {
        // not Bean Validation: a package key must never be short, also where the record is built without Spring
        if (masterKey == null || masterKey.length() < 32) {
            throw new IllegalStateException("rightsflow.packages.master-key must be set to at least 32 characters");
        }
    }
}
