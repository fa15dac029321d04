package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in every Markdown file of the repository leads somewhere: the file or folder exists inside
 * the repository, and an anchor ({@code page.md#section}) names a heading of that page (GitHub's slugs). A clone
 * must read completely on its own (docs/README.md).
 */
class MarkdownLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}; a title after the target is allowed. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target} on a line of its own. */
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

    @Test
    void everyRelativeLinkInEveryMarkdownFileResolves() {
        List<Path> pages = RepositoryFiles.markdown();
        assertThat(pages).as("Markdown files found under %s", RepositoryFiles.ROOT)
                .extracting(RepositoryFiles::relative).contains("README.md", "docs/README.md");

        List<String> dead = new ArrayList<>();
        for (Path page : pages) {
            for (String target : links(RepositoryFiles.read(page))) {
                String problem = problem(page, target);
                if (problem != null) {
                    dead.add(RepositoryFiles.relative(page) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(dead).as("dead relative links (fix the link or the page it points to)").isEmpty();
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(MarkdownSlugs.slug("How each right is fulfilled")).isEqualTo("how-each-right-is-fulfilled");
        assertThat(MarkdownSlugs.slug("The `postgres` profile: H2, and *more*")).isEqualTo("the-postgres-profile-h2-and-more");
        assertThat(MarkdownSlugs.slug("Who may file (谁可以提出)")).isEqualTo("who-may-file-谁可以提出");
        assertThat(MarkdownSlugs.slug("A [link](x.md) in a heading")).isEqualTo("a-link-in-a-heading");
    }

    @Test
    void aLinkToAMissingPageOrHeadingIsFound() {
        Path readme = RepositoryFiles.ROOT.resolve("README.md");
        assertThat(problem(readme, "docs/no-such-page.md")).contains("no such file");
        assertThat(problem(readme, "docs/README.md#no-such-heading")).contains("no heading");
        assertThat(problem(readme, "../outside.md")).contains("outside the repository");
        assertThat(problem(readme, "docs/README.md")).isNull();
        assertThat(links("see `[code](nowhere.md)` and\n```\n[block](nowhere.md)\n```\n[real](x.md)"))
                .containsExactly("x.md");
    }

    /** The link targets of a page, outside code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "``");
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
            Matcher definition = REFERENCE_DEFINITION.matcher(text);
            if (definition.matches()) {
                targets.add(definition.group(1));
            }
        }
        return targets;
    }

    /** Why a link from {@code page} to {@code target} is dead, or null when it resolves (or is not relative). */
    private String problem(Path page, String target) {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null; // http:, https:, mailto: ... are not the repository's to check
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? page
                : (pathPart.startsWith("/") ? RepositoryFiles.ROOT.resolve(pathPart.substring(1))
                        : page.getParent().resolve(decode(pathPart))).normalize();
        if (!resolved.startsWith(RepositoryFiles.ROOT)) {
            return "points outside the repository: a clone has nothing there";
        }
        if (!Files.exists(resolved)) {
            return "no such file: " + RepositoryFiles.relative(resolved);
        }
        if (anchor != null && !anchor.isEmpty() && resolved.getFileName().toString().endsWith(".md")
                && !anchors(resolved).contains(decode(anchor).toLowerCase(Locale.ROOT))) {
            return "no heading with the anchor #" + anchor + " in " + RepositoryFiles.relative(resolved);
        }
        return null;
    }

    private Set<String> anchors(Path page) {
        return anchorsByPage.computeIfAbsent(page, p -> {
            Set<String> anchors = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean inFence = false;
            for (String line : RepositoryFiles.read(p).split("\n", -1)) {
                if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                    inFence = !inFence;
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (!inFence && heading.matches()) {
                    String slug = MarkdownSlugs.slug(heading.group(1));
                    int n = seen.merge(slug, 1, Integer::sum) - 1;
                    anchors.add(n == 0 ? slug : slug + "-" + n);
                }
            }
            return anchors;
        });
    }

    private static String decode(String part) {
        return java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
