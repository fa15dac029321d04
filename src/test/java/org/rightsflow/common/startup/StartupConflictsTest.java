package org.rightsflow.common.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.demo.DemoMailSink;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * A demo that starts anywhere (issue 18, part 8): the mail sink's port is chosen at start unless fixed, and every
 * port or file another process holds is reported in one line that names the property to change.
 */
class StartupConflictsTest {

    private final StartupConflictAnalyzer analyzer = new StartupConflictAnalyzer(
            new MockEnvironment().withProperty("rightsflow.data-dir", "./data-x"));

    @Test
    void theMailSinkGetsAFreePortAndTheMailSettingsFollowIt() {
        StandardEnvironment environment = environment(Map.of(
                "rightsflow.demo.mail-sink.enabled", "true",
                "rightsflow.demo.mail-sink.port", "0",
                "spring.mail.port", "${rightsflow.demo.mail-sink.port}"));
        new StartupPorts().postProcessEnvironment(environment, new SpringApplication());

        int chosen = environment.getRequiredProperty("rightsflow.demo.mail-sink.port", Integer.class);
        assertThat(chosen).isPositive();
        assertThat(environment.getRequiredProperty("spring.mail.port", Integer.class)).isEqualTo(chosen);
    }

    @Test
    void aFixedMailSinkPortThatIsTakenStopsTheStartNamingTheProperty() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StandardEnvironment environment = environment(Map.of(
                    "rightsflow.demo.mail-sink.enabled", "true",
                    "rightsflow.demo.mail-sink.port", String.valueOf(taken.getLocalPort())));

            assertThatThrownBy(() -> new StartupPorts().postProcessEnvironment(environment, new SpringApplication()))
                    .isInstanceOfSatisfying(PortTakenException.class, e -> assertThat(oneLine(e)).isEqualTo(
                            "Port " + taken.getLocalPort() + " for the demo mail sink (SMTP) is already in use: set "
                                    + "rightsflow.demo.mail-sink.port to a free port, or to 0 to choose one at start."));
        }
    }

    @Test
    void aMailSinkWhosePortWasTakenAfterTheCheckSaysSoInsteadOfGreenMailsTimeoutAdvice() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DemoMailSink sink = new DemoMailSink(taken.getLocalPort());
            Throwable failure = new ApplicationContextException("Failed to start bean 'demoMailSink'",
                    catchThrowable(sink::start));

            assertThat(oneLine(failure)).startsWith("Port " + taken.getLocalPort() + " for the demo mail sink")
                    .contains("set rightsflow.demo.mail-sink.port").doesNotContain("timeout");
            assertThat(sink.isRunning()).isFalse();
        }
    }

    @Test
    void aTakenHttpPortNamesServerPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            StandardEnvironment environment = environment(Map.of("server.port", String.valueOf(taken.getLocalPort())));
            assertThatThrownBy(() -> new StartupPorts().postProcessEnvironment(environment, new SpringApplication()))
                    .satisfies(e -> assertThat(oneLine(e)).isEqualTo("Port " + taken.getLocalPort() + " for HTTP is "
                            + "already in use: set server.port (or the PORT environment variable) to a free port."));
        }
        // a role of the jar without a web server (a worker) holds no HTTP port
        try (ServerSocket taken = new ServerSocket(0)) {
            StandardEnvironment worker = environment(Map.of("server.port", String.valueOf(taken.getLocalPort()),
                    "spring.main.web-application-type", "none"));
            new StartupPorts().postProcessEnvironment(worker, new SpringApplication());
        }
        // Tomcat's own report when the port was taken later, while the application started
        assertThat(oneLine(new ApplicationContextException("web server", new PortInUseException(8080))))
                .isEqualTo("Port 8080 for HTTP is already in use: set server.port (or the PORT environment variable) "
                        + "to a free port.");
    }

    @Test
    void aRandomHttpPortAndNoMailSinkAreLeftAlone() {
        StandardEnvironment environment = environment(Map.of("server.port", "0"));
        new StartupPorts().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("rightsflow.demo.mail-sink.port")).isNull();
    }

    @Test
    void anH2FileHeldByAnotherProcessNamesTheDataDirectory() {
        SQLException locked = new SQLException("Database may be already in use: \"/x/data/rightsflow.mv.db\"",
                "90020", StartupConflictAnalyzer.H2_DATABASE_ALREADY_OPEN);
        FailureAnalysis analysis = analyzer.analyze(new ApplicationContextException("auditTrail",
                new IllegalStateException("pool", locked)));

        assertThat(analysis.getDescription()).doesNotContain("\n")
                .isEqualTo("The demo database in ./data-x is open in another process (a Rightsflow already running "
                        + "from this directory?): give this one its own rightsflow.data-dir.");
        assertThat(analysis.getAction()).contains("--rightsflow.data-dir=./data-2 --server.port=8081");
    }

    @Test
    void otherFailuresAreLeftToSpringBoot() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }

    private String oneLine(Throwable failure) {
        FailureAnalysis analysis = analyzer.analyze(failure);
        assertThat(analysis).as("explained").isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n");
        return analysis.getDescription();
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        return environment;
    }
}
