package org.rightsflow.fulfilment.systems;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The worker API of {@code external-task} systems ({@code /api/workers/<system-id>/...}).
 *
 * @param secretSha256  per system id, the SHA-256 (hex) of its worker's secret: a worker signs in with HTTP Basic as
 *                      its system id and that secret. A system without an entry has no worker access at all. Only
 *                      hashes are configured, so the configuration never holds a usable secret.
 * @param maxUploadSize the largest upload of one category's rows (NDJSON); a larger one is refused with 413 and
 *                      nothing is stored (default 64 MB)
 * @param engineUser    optional: an engine user for workers' external task clients, created at start in group
 *                      system-workers with {@code enginePassword} when both are set (docker-compose.yml sets it for
 *                      the CRM's container); otherwise create worker users in Camunda Admin
 */
@ConfigurationProperties(prefix = "rightsflow.workers")
public record WorkerProperties(@DefaultValue Map<String, String> secretSha256, @DefaultValue("64MB") DataSize maxUploadSize,
                               String engineUser, String enginePassword) {

    public WorkerProperties {
        secretSha256 = Map.copyOf(secretSha256);
    }
}
