package org.rightsflow.common.startup;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A start that failed because another process holds what this one needs, explained in one line that names the
 * property to change: the HTTP port ({@code server.port}), the demo mail sink's port
 * ({@code rightsflow.demo.mail-sink.port}) or the demo's H2 database file ({@code rightsflow.data-dir}: H2 locks
 * its file for one process, so a second demo on one machine gets its own directory). Ahead of Spring Boot's own
 * analyzer for a taken port, which names no property. Registered in {@code META-INF/spring.factories}.
 */
public class StartupConflictAnalyzer implements FailureAnalyzer, Ordered {

    /** H2's "Database may be already in use" (another process holds the file lock). */
    static final int H2_DATABASE_ALREADY_OPEN = 90020;
    static final String DATA_DIR = "rightsflow.data-dir";

    private final Environment environment;

    public StartupConflictAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortTakenException taken) {
                return portTaken(taken.use(), taken.port(), failure);
            }
            if (cause instanceof PortInUseException inUse) {
                return portTaken(PortTakenException.Use.HTTP, inUse.getPort(), failure);
            }
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                String dataDir = environment == null ? "./data" : environment.getProperty(DATA_DIR, "./data");
                return new FailureAnalysis(
                        "The demo database in " + dataDir + " is open in another process (a Rightsflow already "
                                + "running from this directory?): give this one its own " + DATA_DIR + ".",
                        "Start it with its own data directory and HTTP port, for example: --" + DATA_DIR
                                + "=./data-2 --server.port=8081 (see the README, 'Ports and a second instance').",
                        failure);
            }
        }
        return null;
    }

    private static FailureAnalysis portTaken(PortTakenException.Use use, int port, Throwable failure) {
        return new FailureAnalysis(
                "Port " + port + " for " + use.purpose + " is already in use: " + use.advice + ".",
                "Stop the other process or start this one with, for example, " + use.example
                        + " (see the README, 'Ports and a second instance').",
                failure);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
