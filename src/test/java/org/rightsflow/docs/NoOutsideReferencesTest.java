package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No file of the repository cites a document outside it: a clone has only itself. Comments cite the page of
 * {@code docs/} that holds the rule (docs/README.md lists them), or state the rule themselves; and every page they
 * cite exists.
 */
class NoOutsideReferencesTest {

    /** The contract documents that once lived beside the repository, and any path that leaves it that way. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|\\bSPEC\\b|\\bDESIGN\\.md|\\bPROCESSES\\.md");

    /** This test names the old documents on purpose, to find them. */
    private static final Set<String> ALLOWED = Set.of(
            "src/test/java/org/rightsflow/docs/NoOutsideReferencesTest.java");

    private static final Set<String> BINARY = Set.of(".png", ".jpg", ".jpeg", ".gif", ".ico", ".jar", ".zip", ".pdf",
            ".woff", ".woff2", ".ttf", ".class");

    /** A page of docs/ named in a comment, a string or a text: {@code docs/clock.md}, {@code docs/api/README.md}. */
    private static final Pattern DOCS_PAGE = Pattern.compile("(?<![\\w/.-])docs/[\\w./-]*\\w\\.md\\b");

    @Test
    void everyDocsPageThatAFileCitesExists() {
        List<String> missing = new ArrayList<>();
        for (Path file : RepositoryFiles.all()) {
            String name = RepositoryFiles.relative(file);
            // The documentation tests name missing pages on purpose, to show that they are found.
            if (name.startsWith("src/test/java/org/rightsflow/docs/") || BINARY.stream().anyMatch(name.toLowerCase()::endsWith)) {
                continue;
            }
            String[] lines = RepositoryFiles.read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher cited = DOCS_PAGE.matcher(lines[i]);
                while (cited.find()) {
                    if (!Files.exists(RepositoryFiles.ROOT.resolve(cited.group()))) {
                        missing.add(name + ":" + (i + 1) + ": " + cited.group());
                    }
                }
            }
        }
        assertThat(missing).as("citations of docs/ pages that do not exist (cite an existing page, or write it)")
                .isEmpty();
    }

    @Test
    void noFileCitesADocumentOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path file : RepositoryFiles.all()) {
            String name = RepositoryFiles.relative(file);
            if (ALLOWED.contains(name) || BINARY.stream().anyMatch(name.toLowerCase()::endsWith)) {
                continue;
            }
            String[] lines = RepositoryFiles.read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE.matcher(lines[i]).find()) {
                    found.add(name + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(found)
                .as("references to documents outside the repository: cite the docs/ page that holds the rule "
                        + "(docs/README.md lists them) or state the rule in the comment itself")
                .isEmpty();
    }
}
