package org.rightsflow.process.setup;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The group whose members may read {@code /actuator/prometheus} and nothing else (no webapp, no authorization), and
 * optionally the user a Prometheus server scrapes with: {@code rightsflow.metrics.scrape-user} and
 * {@code .scrape-password} (environment {@code METRICS_SCRAPE_USER}, {@code METRICS_SCRAPE_PASSWORD} in the postgres
 * profile; none when the password is empty). The password is set again at every start, so changing the variable
 * changes it. Idempotent.
 */
@Component
public class MonitoringSetup {

    public static final String GROUP = "monitoring";
    private static final Logger log = LoggerFactory.getLogger(MonitoringSetup.class);

    private final IdentityService identity;
    private final String scrapeUser;
    private final String scrapePassword;

    public MonitoringSetup(IdentityService identity,
                           @Value("${rightsflow.metrics.scrape-user:}") String scrapeUser,
                           @Value("${rightsflow.metrics.scrape-password:}") String scrapePassword) {
        this.identity = identity;
        this.scrapeUser = scrapeUser == null ? "" : scrapeUser.trim();
        this.scrapePassword = scrapePassword == null ? "" : scrapePassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void setUp() {
        if (identity.createGroupQuery().groupId(GROUP).count() == 0) {
            Group group = identity.newGroup(GROUP);
            group.setName("Metrics readers");
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        if (scrapeUser.isEmpty() || scrapePassword.isEmpty()) {
            return;
        }
        User user = identity.createUserQuery().userId(scrapeUser).singleResult();
        if (user == null) {
            user = identity.newUser(scrapeUser);
            user.setFirstName(scrapeUser);
            user.setLastName("(metrics)");
            log.info("Created the metrics scrape user '{}' in group '{}'", scrapeUser, GROUP);
        }
        user.setPassword(scrapePassword);
        identity.saveUser(user);
        if (identity.createUserQuery().userId(scrapeUser).memberOfGroup(GROUP).count() == 0) {
            identity.createMembership(scrapeUser, GROUP);
        }
    }
}
