package org.rightsflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/decision-tables holds one Markdown page per processes/*.dmn ({@link DmnMarkdown}); a changed table without
 * its page fails here with the command that regenerates them.
 */
class DecisionTablesTest {

    static final String REGENERATE = "mvn -B -q test -Dtest=DecisionTablesTest -Ddocs.regenerate=true";

    @Test
    void everyDecisionTableIsWrittenOutAndCurrent() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(RepositoryFiles.ROOT.resolve("processes"))) {
            models = files.filter(p -> p.getFileName().toString().endsWith(".dmn")).sorted().toList();
        }
        assertThat(models).isNotEmpty();
        Map<String, String> pages = new TreeMap<>();
        for (Path model : models) {
            pages.put(model.getFileName().toString().replaceFirst("\\.dmn$", ".md"),
                    DmnMarkdown.render(model, RepositoryFiles.relative(model)));
        }
        GeneratedFiles.check(RepositoryFiles.ROOT.resolve("docs/decision-tables"), ".md", pages, REGENERATE);
    }

    @Test
    void theTriageTableShowsEveryRuleWithItsReason() {
        String page = DmnMarkdown.render(RepositoryFiles.ROOT.resolve("processes/exemption-triage.dmn"),
                "processes/exemption-triage.dmn");
        assertThat(page).contains("## Exemption triage (`exemption-triage`)").contains("Hit policy: `FIRST`")
                .contains("| Account under legal hold | `legalHold` | boolean |")
                .contains("| Review needed | `reviewNeeded` | boolean |")
                .contains("`\"LEGAL_OBLIGATION\"`")
                .contains("The account is under a legal hold");
    }
}
