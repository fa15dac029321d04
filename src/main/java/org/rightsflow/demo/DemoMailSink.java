package org.rightsflow.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.rightsflow.common.startup.PortTakenException;
import org.rightsflow.common.startup.StartupPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The default profile's embedded SMTP server: notices really travel over SMTP (spring.mail.* points here) and land
 * in memory, where the demo mailbox page shows them. Never enabled in the postgres profile. Its port is free by
 * default ({@code rightsflow.demo.mail-sink.port: 0}, settled at start by {@link StartupPorts}); a fixed port that
 * another process took is reported as a {@link PortTakenException} naming the property, never as GreenMail's
 * start-up timeout.
 */
@Component
@ConditionalOnProperty(name = "rightsflow.demo.mail-sink.enabled", havingValue = "true")
public class DemoMailSink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoMailSink.class);
    private static final String ADDRESS = "127.0.0.1";

    private final GreenMail server;
    private final int port;
    private volatile boolean running;

    public DemoMailSink(@Value("${" + StartupPorts.MAIL_SINK_PORT + "}") int port) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, ADDRESS, ServerSetup.PROTOCOL_SMTP));
    }

    @Override
    public void start() {
        // checked at start-up already; checked again here because another process may have taken it since
        StartupPorts.requireFree(PortTakenException.Use.MAIL_SINK, ADDRESS, port);
        try {
            server.start();
        } catch (IllegalStateException notStarted) {
            StartupPorts.requireFree(PortTakenException.Use.MAIL_SINK, ADDRESS, port);
            throw notStarted;
        }
        running = true;
        log.info("Demo mail sink listening on {}:{} ({}); its messages are at /demo/mailbox", ADDRESS, port,
                StartupPorts.MAIL_SINK_PORT);
    }

    public int port() {
        return port;
    }

    @Override
    public void stop() {
        server.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start before anything that sends mail, stop after. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }

    public List<MimeMessage> messages() {
        return List.of(server.getReceivedMessages());
    }
}
