package org.rightsflow.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The files of the checkout the documentation tests read: everything but build output, local data and Git's own. */
final class RepositoryFiles {

    /** Surefire runs in the project directory. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "data", "node_modules", ".idea");

    private RepositoryFiles() {
    }

    static List<Path> all() {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !NOT_SOURCES.contains(ROOT.relativize(p).getName(0).toString())
                            && !isLocalData(ROOT.resolve(ROOT.relativize(p).getName(0))))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A demo's data directory (./data, ./data-2 ...: H2 files and packages), never part of the sources. */
    private static boolean isLocalData(Path topLevel) {
        return Files.isDirectory(topLevel) && topLevel.getFileName().toString().startsWith("data");
    }

    static List<Path> markdown() {
        return all().stream().filter(p -> p.getFileName().toString().endsWith(".md")).toList();
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }

    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8); // lenient: never throws
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
