package org.rightsflow.crmworker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * The demo CRM worker's settings (application-crm-worker.yaml; environment variables in docker-compose.yml).
 *
 * @param systemId       the CRM's system id in Rightsflow's data map (its topic is rightsflow.&lt;systemId&gt;; default crm)
 * @param baseUrl        where Rightsflow answers: its worker API ({@code /api/workers/...})
 * @param engineRestUrl  its engine REST API (default {@code <baseUrl>/engine-rest}; a named engine:
 *                       {@code .../engine-rest/engine/<name>})
 * @param engineUser     the engine user the external task client signs in with (group system-workers)
 * @param enginePassword its password
 * @param secret         the CRM's worker API secret (Rightsflow holds its SHA-256)
 * @param workerId       the id the worker locks tasks under
 * @param lockDuration   how long a fetched task stays locked for this worker (default 5 minutes)
 * @param demoData       seed the demo accounts' tickets and call notes into an empty CRM
 */
@ConfigurationProperties(prefix = "rightsflow.crm-worker")
@Profile(CrmWorkerApplication.PROFILE) // never bound when the jar runs as the application
public record CrmWorkerProperties(@DefaultValue("crm") String systemId, String baseUrl, String engineRestUrl,
                                  String engineUser, String enginePassword, String secret, String workerId,
                                  @DefaultValue("5m") Duration lockDuration, boolean demoData) {

    public CrmWorkerProperties {
        if (baseUrl == null || baseUrl.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("rightsflow.crm-worker.base-url and .secret must be set"
                    + " (RIGHTSFLOW_URL, CRM_WORKER_SECRET)");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        engineRestUrl = engineRestUrl == null || engineRestUrl.isBlank() ? baseUrl + "/engine-rest" : engineRestUrl;
    }
}
