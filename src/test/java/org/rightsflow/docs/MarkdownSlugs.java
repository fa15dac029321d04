package org.rightsflow.docs;

import java.util.Locale;

/** The anchor GitHub gives a Markdown heading, for the links the documentation tests check and the pages they write. */
final class MarkdownSlugs {

    private MarkdownSlugs() {
    }

    /** Link text kept, code marks and punctuation dropped, lower case, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }
}
