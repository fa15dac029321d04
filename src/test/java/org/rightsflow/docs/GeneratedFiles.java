package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files under docs/ that the build derives from the sources (diagrams from the models, the API reference from the
 * application): committed so that a clone reads them without building, and compared on every test run so that they
 * never go stale. With {@code -Ddocs.regenerate=true} the test writes them instead of comparing.
 */
final class GeneratedFiles {

    static final boolean REGENERATE = Boolean.getBoolean("docs.regenerate");

    private GeneratedFiles() {
    }

    /**
     * Checks (or, when regenerating, writes) every file of {@code expected} in {@code directory}; a file there with
     * {@code extension} that nothing generates any more is stale too.
     *
     * @param regenerateCommand the command that brings the files up to date, named in the failure message
     */
    static void check(Path directory, String extension, Map<String, String> expected, String regenerateCommand) {
        List<String> stale = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> file : expected.entrySet()) {
                Path path = directory.resolve(file.getKey());
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                boolean current = Files.exists(path) && java.util.Arrays.equals(Files.readAllBytes(path), content);
                if (!current && REGENERATE) {
                    Files.write(path, content);
                } else if (!current) {
                    stale.add(RepositoryFiles.relative(path) + (Files.exists(path) ? " is out of date"
                            : " is missing"));
                }
            }
            try (Stream<Path> present = Files.list(directory)) {
                for (Path path : present.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList()) {
                    if (!expected.containsKey(path.getFileName().toString())) {
                        if (REGENERATE) {
                            Files.delete(path);
                        } else {
                            stale.add(RepositoryFiles.relative(path) + " has no source any more");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(stale)
                .as("generated documentation is stale; regenerate it with%n    %s%nand commit the files it writes",
                        regenerateCommand)
                .isEmpty();
    }
}
