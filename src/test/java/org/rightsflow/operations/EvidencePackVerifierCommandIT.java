package org.rightsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.operations.evidence.EvidencePackFormat;
import org.rightsflow.operations.evidence.EvidenceSigningKey;
import org.rightsflow.support.ChildJvm;

/**
 * The verifier command the README documents, run as an operator runs it: the packaged jar through Spring Boot's
 * PropertiesLauncher, on a signed pack (exit 0, "VERIFIED") and on the same pack with one file's bytes altered (exit 1,
 * the file named). No application, no database: the verifier needs neither.
 */
class EvidencePackVerifierCommandIT {

    @Test
    void theDocumentedCommandVerifiesAPackAndNamesTheFileThatChanged() throws Exception {
        EvidenceSigningKey key = EvidenceSigningKey.fromSecret("verifier-command-test-secret-0123456789abcdef");
        Instant at = Instant.parse("2026-11-29T02:00:00Z");
        String hash = AuditTrail.hash(1, at, "RR-20261129-0007", "officer", "DEADLINE_EXTENDED", null, "0".repeat(64));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("decisions.json", "[{\"decidedBy\":\"officer\",\"decision\":\"REFUSE\"}]".getBytes(StandardCharsets.UTF_8));
        files.put("audit/entries.json", ("{\"entries\":[{\"seq\":1,\"at\":\"" + at + "\",\"reference\":\"RR-20261129-0007\","
                + "\"actor\":\"officer\",\"action\":\"DEADLINE_EXTENDED\",\"detail\":null,\"prevHash\":\"" + "0".repeat(64)
                + "\",\"hash\":\"" + hash + "\"}]}").getBytes(StandardCharsets.UTF_8));
        byte[] pack = EvidencePackFormat.write(files, Map.of("reference", "RR-20261129-0007"), key);
        Path dir = Files.createTempDirectory("evidence-verifier-");
        Path good = Files.write(dir.resolve("pack.zip"), pack);

        Run verified = run(good.toString(), key.fingerprint());
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).startsWith("VERIFIED").contains("RR-20261129-0007").contains(key.fingerprint());

        Map<String, byte[]> changed = new LinkedHashMap<>(ZipFiles.unzip(pack));
        changed.put("decisions.json", "[{\"decidedBy\":\"officer2\",\"decision\":\"REFUSE\"}]".getBytes(StandardCharsets.UTF_8));
        Path bad = Files.write(dir.resolve("altered.zip"), ZipFiles.zip(changed));
        Run refused = run(bad.toString(), key.fingerprint());
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).startsWith("NOT VERIFIED").contains("file decisions.json was changed");

        Run wrongKey = run(good.toString(), "ab".repeat(32));
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.output()).contains("not with the expected key");
        assertThat(run().exit()).as("no arguments: usage").isEqualTo(2);
    }

    record Run(int exit, String output) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        List<String> command = ChildJvm.command("-cp", jar().toString(),
                "-Dloader.main=org.rightsflow.operations.evidence.EvidencePackVerifier",
                "org.springframework.boot.loader.launch.PropertiesLauncher");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the verifier did not finish");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("rightsflow-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("package the application first (mvn package)"));
        }
    }
}
