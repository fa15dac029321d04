package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rightsflow.support.Api;
import org.rightsflow.support.ChildJvm;
import org.rightsflow.support.TestInfrastructure;

/**
 * Issue 18, part 8: two demos side by side on one machine, started from one directory as the README tells a user
 * (the second with its own {@code --server.port} and {@code --rightsflow.data-dir}; each demo mail sink on a port
 * chosen at start). Both answer and each keeps its own mail. A third start in the first one's data directory, and a
 * fourth on the first one's HTTP port, stop with one line that names the property to change.
 * <p>
 * The packaged jar as separate JVMs (one H2 file per process, one engine per JVM), run by Failsafe after
 * {@code package}. Two settings only lighten the load of a test machine: a small long-history account and no
 * package-encryption warm-up.
 */
class TwoDemoInstancesIT {

    private static final Pattern READY = Pattern.compile(
            "Rightsflow demo ready: .*\\(SMTP sink on 127\\.0\\.0\\.1:(\\d+)\\), data in (.+)$", Pattern.MULTILINE);
    private static final List<String> LIGHTER = List.of(
            "--rightsflow.demo.large-account-operation-logs=300", "--rightsflow.packages.crypto-warm-up-round-trips=0");

    @TempDir
    Path directory;

    @Test
    void twoDemosStartSideBySideAndAThirdIsToldWhatToChange() throws Exception {
        int portA = TestInfrastructure.freePort();
        int portB = TestInfrastructure.freePort();
        try (Demo a = new Demo("demo-a", directory, List.of("--server.port=" + portA));
             Demo b = new Demo("demo-b", directory, List.of("--server.port=" + portB, "--rightsflow.data-dir=./data-2"))) {
            CompletableFuture<Void> startA = CompletableFuture.runAsync(a::awaitReady);
            CompletableFuture<Void> startB = CompletableFuture.runAsync(b::awaitReady);

            // a third in A's directory, as soon as A holds its H2 file (while both still start): refused
            a.awaitLine("HikariPool-1 - Start completed");
            try (Demo sameData = new Demo("demo-same-data", directory, List.of("--server.port=" + TestInfrastructure.freePort()))) {
                assertThat(sameData.awaitFailure())
                        .contains("is open in another process")
                        .contains("give this one its own rightsflow.data-dir.")
                        .doesNotContain("startup timeout");
            }
            CompletableFuture.allOf(startA, startB).get(6, TimeUnit.MINUTES);

            Matcher readyA = a.readyLine();
            Matcher readyB = b.readyLine();
            assertThat(readyA.group(1)).as("each mail sink on a port of its own").isNotEqualTo(readyB.group(1));
            assertThat(Path.of(readyA.group(2).trim())).isEqualTo(directory.resolve("data").toAbsolutePath().normalize());
            assertThat(Path.of(readyB.group(2).trim())).isEqualTo(directory.resolve("data-2").toAbsolutePath().normalize());

            // a fourth on A's HTTP port: refused before it builds anything
            try (Demo samePort = new Demo("demo-same-port", directory, List.of("--server.port=" + portA,
                    "--rightsflow.data-dir=./data-3"))) {
                assertThat(samePort.awaitFailure()).contains("Port " + portA + " for HTTP is already in use: set server.port");
            }

            String referenceA = fileAndSeeTheCodeMail(portA);
            String referenceB = fileAndSeeTheCodeMail(portB);
            System.out.println("Two demos: A on :" + portA + " (SMTP :" + readyA.group(1) + ") filed " + referenceA
                    + "; B on :" + portB + " (SMTP :" + readyB.group(1) + ") filed " + referenceB);
            assertThat(new Api(portA).get("/privacy").status()).as("the first demo kept running").isEqualTo(200);
        }
    }

    /** The demo answers: its Privacy Center, and a filed request whose code mail lands in its own mailbox. */
    private static String fileAndSeeTheCodeMail(int port) throws InterruptedException {
        Api api = new Api(port);
        assertThat(api.get("/privacy").text()).contains("隐私中心");
        Api.Response filed = api.post("/api/requests",
                Api.json(Map.of("type", "ACCESS", "accountEmail", "li.lei@example.com", "language", "en")));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!api.get("/demo/mailbox").text().contains(reference)) {
            assertThat(Instant.now()).as("the code mail of " + reference + " in the demo mailbox on :" + port)
                    .isBefore(deadline);
            Thread.sleep(500);
        }
        return reference;
    }

    /** The packaged application started as a user starts it, in a directory of the test's own. */
    private static final class Demo implements AutoCloseable {

        private final String name;
        private final Path log;
        private final Process process;

        Demo(String name, Path directory, List<String> arguments) throws IOException {
            this.name = name;
            this.log = Path.of("target", "demo-instances", name + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            List<String> command = ChildJvm.command("-Xmx512m", "-jar", applicationJar().toString());
            command.addAll(arguments);
            command.addAll(LIGHTER);
            this.process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        }

        void awaitReady() {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
                }
                Matcher ready = READY.matcher(output());
                if (ready.find()) {
                    return;
                }
                sleep();
            }
            throw new AssertionError(name + " did not get ready; see " + log);
        }

        void awaitLine(String text) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (!output().contains(text)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError(name + " never logged '" + text + "'; see " + log);
                }
                sleep();
            }
        }

        Matcher readyLine() {
            Matcher ready = READY.matcher(output());
            assertThat(ready.find()).as(name + " logged where it runs").isTrue();
            return ready;
        }

        /** The start fails by itself: the exit code is not 0 and the output says why. */
        String awaitFailure() {
            try {
                assertThat(process.waitFor(4, TimeUnit.MINUTES)).as(name + " stops by itself").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(process.exitValue()).as(name + " exit code").isNotZero();
            return output();
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        static Path applicationJar() throws IOException {
            try (var files = Files.list(Path.of("target"))) {
                return files.filter(p -> p.getFileName().toString().matches("rightsflow-.*\\.jar"))
                        .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("Package the application first"))
                        .toAbsolutePath();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
