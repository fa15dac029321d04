package org.rightsflow.support;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log file of this test JVM (src/test/resources/logback-test.xml writes every log line of the run there, also
 * after each Spring context re-initialises logging): one file per JVM, emptied when the JVM first configures logging,
 * so the personal-data scan after the suite reads exactly this run.
 */
public class TestRunLog extends PropertyDefinerBase {

    private static final Path FILE = Path.of("target", "test-logs", "run-" + ProcessHandle.current().pid() + ".log")
            .toAbsolutePath();

    static {
        try {
            Files.createDirectories(FILE.getParent());
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file() {
        return FILE;
    }

    @Override
    public String getPropertyValue() {
        return FILE.toString();
    }
}
