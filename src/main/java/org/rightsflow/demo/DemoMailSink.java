package org.rightsflow.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The default profile's embedded SMTP server: notices really travel over SMTP (spring.mail.* points here) and land
 * in memory, where the demo mailbox page shows them. Never enabled in the postgres profile.
 */
@Component
@ConditionalOnProperty(name = "rightsflow.demo.mail-sink.enabled", havingValue = "true")
public class DemoMailSink implements SmartLifecycle {

    private final GreenMail server;
    private volatile boolean running;

    public DemoMailSink(@Value("${rightsflow.demo.mail-sink.port:2525}") int port) {
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Override
    public void start() {
        server.start();
        running = true;
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
