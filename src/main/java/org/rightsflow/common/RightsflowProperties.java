package org.rightsflow.common;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties(prefix = "rightsflow")
public record RightsflowProperties(
        @DefaultValue("http://localhost:8080") @NotBlank String publicBaseUrl,
        String tokenSecret,
        @DefaultValue("privacy-team@rightsflow.invalid") @NotBlank String staffMailbox,
        @DefaultValue("180d") Duration repeatWindow,
        @DefaultValue("7d") Duration downloadValidity,
        @DefaultValue("3") @Positive Integer downloadMaxUses) {

    public RightsflowProperties {
        if (tokenSecret == null || tokenSecret.length() < 32) {
            throw new IllegalStateException("rightsflow.token-secret must be set to at least 32 characters");
        }
        // Links are built as base + "/path": a trailing slash would double it.
        publicBaseUrl = publicBaseUrl == null ? null : publicBaseUrl.replaceAll("/+$", "");
    }

    public byte[] tokenKey() {
        return tokenSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
