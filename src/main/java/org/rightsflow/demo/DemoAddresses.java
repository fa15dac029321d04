package org.rightsflow.demo;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One line when the demo is ready, with the addresses as this instance really has them: a second instance on one
 * machine runs on other ports and in another data directory, and its user needs to know which. Logged when the
 * application accepts traffic, which Spring Boot announces after every start-up task (demo users, Tasklist set-up).
 */
@Component
@ConditionalOnProperty(name = "rightsflow.demo.enabled", havingValue = "true")
class DemoAddresses {

    private static final Logger log = LoggerFactory.getLogger(DemoAddresses.class);

    private final ObjectProvider<DemoMailSink> mailSink;
    private final String dataDir;

    DemoAddresses(ObjectProvider<DemoMailSink> mailSink, @Value("${rightsflow.data-dir:./data}") String dataDir) {
        this.mailSink = mailSink;
        this.dataDir = dataDir;
    }

    @EventListener
    void ready(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC
                || !(event.getSource() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        DemoMailSink sink = mailSink.getIfAvailable();
        log.info("Rightsflow demo ready: Privacy Center {}/privacy, staff {}/camunda, demo mailbox {}/demo/mailbox{}, "
                        + "data in {}", base, base, base,
                sink == null ? "" : " (SMTP sink on 127.0.0.1:" + sink.port() + ")",
                Path.of(dataDir).toAbsolutePath().normalize());
    }
}
