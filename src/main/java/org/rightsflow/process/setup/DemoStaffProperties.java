package org.rightsflow.process.setup;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo staff users (default profile only): user id → group. Passwords equal the user id, as docs/operations.md (demo data) documents;
 * the postgres profile creates no users at all.
 */
@ConfigurationProperties(prefix = "rightsflow.demo.staff")
public record DemoStaffProperties(boolean enabled, @DefaultValue Map<String, String> users) {
}
