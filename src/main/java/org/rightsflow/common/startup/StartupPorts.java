package org.rightsflow.common.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Ports settled before anything starts, so a second instance on one machine either starts or stops within a second
 * with one line that names the property to change (instead of failing half a minute later, after the engine was
 * built, or with GreenMail's advice to raise a timeout):
 * <ul>
 *   <li>the demo mail sink's port {@code 0} (the default) becomes a free port, and {@code spring.mail.port} follows
 *       it through its placeholder in application.yaml;</li>
 *   <li>a fixed mail sink port or HTTP port ({@code server.port}) that another process holds stops the start with
 *       a {@link PortTakenException}, which {@link StartupConflictAnalyzer} explains.</li>
 * </ul>
 * Runs after application.yaml and the profiles are loaded (registered in {@code META-INF/spring.factories}).
 */
public class StartupPorts implements EnvironmentPostProcessor {

    static final String MAIL_SINK_ENABLED = "rightsflow.demo.mail-sink.enabled";
    public static final String MAIL_SINK_PORT = "rightsflow.demo.mail-sink.port";
    static final String SERVER_PORT = "server.port";
    static final String SERVER_ADDRESS = "server.address";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(MAIL_SINK_ENABLED, Boolean.class, false)) {
            int sinkPort = environment.getProperty(MAIL_SINK_PORT, Integer.class, 0);
            if (sinkPort == 0) {
                environment.getPropertySources().addFirst(new MapPropertySource("rightsflowDemoMailSinkPort",
                        Map.of(MAIL_SINK_PORT, freePort())));
            } else {
                requireFree(PortTakenException.Use.MAIL_SINK, "127.0.0.1", sinkPort);
            }
        }
        Integer httpPort = environment.getProperty(SERVER_PORT, Integer.class);
        if (httpPort != null && httpPort > 0 && runsAWebServer(environment, application)) {
            requireFree(PortTakenException.Use.HTTP, environment.getProperty(SERVER_ADDRESS), httpPort);
        }
    }

    /** A role of the jar without a web server (a worker profile) holds no HTTP port. */
    private static boolean runsAWebServer(ConfigurableEnvironment environment, SpringApplication application) {
        String type = environment.getProperty("spring.main.web-application-type");
        return application.getWebApplicationType() != WebApplicationType.NONE
                && (type == null || !type.trim().equalsIgnoreCase("none"));
    }

    /** Binds the port as the server will (address reuse on, as Tomcat and GreenMail do) and lets it go at once. */
    public static void requireFree(PortTakenException.Use use, String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            InetSocketAddress endpoint = address == null || address.isBlank()
                    ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(address), port);
            socket.bind(endpoint);
        } catch (IOException e) {
            throw new PortTakenException(use, port, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for the demo mail sink", e);
        }
    }
}
