package org.rightsflow.common;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings that matter to an operator (see README). Secrets have no default outside the demo profile's
 * application.yaml: the postgres profile takes them from the environment.
 *
 * @param publicBaseUrl      where requesters reach the product; used for links in notices
 * @param tokenSecret        server key that derives status tokens and hashes verification codes
 * @param staffMailbox       where staff reminders and escalations go
 * @param repeatWindow       how far back earlier requests of the same type are counted
 * @param downloadValidity   how long a result link works
 * @param downloadMaxUses    how many times a result link works
 */
@ConfigurationProperties(prefix = "rightsflow")
public record RightsflowProperties(
        String publicBaseUrl,
        String tokenSecret,
        String staffMailbox,
        Duration repeatWindow,
        Duration downloadValidity,
        Integer downloadMaxUses) {

    public RightsflowProperties {
        if (tokenSecret == null || tokenSecret.length() < 32) {
            throw new IllegalStateException("rightsflow.token-secret must be set to at least 32 characters");
        }
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8080" : publicBaseUrl.replaceAll("/+$", "");
        staffMailbox = staffMailbox == null ? "privacy-team@rightsflow.invalid" : staffMailbox;
        repeatWindow = repeatWindow == null ? Duration.ofDays(180) : repeatWindow;
        downloadValidity = downloadValidity == null ? Duration.ofDays(7) : downloadValidity;
        downloadMaxUses = downloadMaxUses == null ? 3 : downloadMaxUses;
    }

    public byte[] tokenKey() {
        return tokenSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
