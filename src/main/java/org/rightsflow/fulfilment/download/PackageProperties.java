package org.rightsflow.fulfilment.download;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where packages are kept and the key that protects their keys.
 *
 * @param storageDir the folder of the encrypted package files (default {@code <rightsflow.data-dir>/packages}, so {@code ./data/packages})
 * @param masterKey  the server's master key (32+ characters, or base64 of 32 random bytes): it wraps every package's
 *                   own key; the postgres profile takes it from {@code RIGHTSFLOW_PACKAGES_MASTER_KEY}
 */
@ConfigurationProperties(prefix = "rightsflow.packages")
public record PackageProperties(Path storageDir, String masterKey) {

    public PackageProperties {
        storageDir = storageDir == null ? Path.of("data", "packages") : storageDir;
        if (masterKey == null || masterKey.length() < 32) {
            throw new IllegalStateException("rightsflow.packages.master-key must be set to at least 32 characters");
        }
    }
}
