package org.rightsflow.web;

import java.util.Locale;

/**
 * The two languages of the pages (the Privacy Center's and the staff's): zh-CN, the default, and English. Each side
 * keeps the requester's or the staff member's choice in its own cookie; the words for a choice are the same.
 */
public final class PageLanguages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private PageLanguages() {
    }

    /** Only the two languages the product speaks; anything else is ignored rather than half-translated. */
    public static Locale supported(String tag) {
        if ("en".equals(tag)) {
            return ENGLISH;
        }
        if ("zh-CN".equals(tag)) {
            return CHINESE;
        }
        return null;
    }

    /** The language code the domain uses ({@code zh-CN} or {@code en}) for a page locale. */
    public static String languageOf(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "zh-CN";
    }
}
