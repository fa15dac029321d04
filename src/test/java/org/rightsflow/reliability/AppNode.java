package org.rightsflow.reliability;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rightsflow.support.ChildJvm;

/**
 * The packaged application as a separate JVM (profile postgres), as an operator runs it: started, killed with
 * SIGKILL, restarted. Its output goes to target/nodes/&lt;name&gt;.log.
 */
final class AppNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> extraArguments;
    private Process process;
    private int starts;

    AppNode(String name, int port, Map<String, String> environment, List<String> extraArguments) {
        this.name = name;
        this.port = port;
        this.environment = environment;
        this.extraArguments = extraArguments;
    }

    int port() {
        return port;
    }

    static Path applicationJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("rightsflow-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Package the application first (mvn package)"));
        }
    }

    void start() throws IOException, InterruptedException {
        List<String> command = ChildJvm.command("-Xmx512m",
                "-jar", applicationJar().toString(), "--server.port=" + port);
        command.addAll(extraArguments);
        Path log = Path.of("target", "nodes", name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        starts++;
        awaitHealthy(Duration.ofSeconds(300)); // generous: a shared, busy CI machine starts slowly
    }

    /** SIGKILL: no shutdown hook, no graceful stop, exactly like a crashed machine. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    int starts() {
        return starts;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/nodes/" + name + ".log");
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not become healthy in " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static File logOf(String name) {
        return Path.of("target", "nodes", name + ".log").toFile();
    }
}
