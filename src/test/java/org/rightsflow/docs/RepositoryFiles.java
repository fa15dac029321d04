package org.rightsflow.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The files of the checkout the documentation tests read: everything but build output, local data and Git's own. */
final class RepositoryFiles {

    /** Surefire runs in the project directory. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    /** Top-level folders that are not sources: Git's own, build output, editors' files; and any demo data folder
     * ({@code data}, {@code data-2} ...: H2 files and packages). */
    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", ".idea");

    private RepositoryFiles() {
    }

    static List<Path> all() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    boolean topLevel = ROOT.equals(directory.getParent());
                    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                    return topLevel && (NOT_SOURCES.contains(name) || name.startsWith("data"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
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
