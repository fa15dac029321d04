package org.rightsflow.web.privacy;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Words a Privacy Center page for the person reading it. The account holder reads "your account", "your personal
 * information"; a minor's guardian reads about the minor's account and is told that the codes and results go to the
 * guardian's own contact details on file; a close relative of a deceased holder reads about the deceased holder's
 * information, and that the answers go to the address the relative gave. A text worded for a guardian or a relative
 * has a second key, the first one plus {@code .guardian} or {@code .relative}, in both bundles
 * (PrivacyCenterBundlesTest checks they pair); a text without one reads the same for everyone. Templates ask
 * {@code #{${wording.key('next.CODES')}}}.
 */
public final class PageWording {

    /** Who reads the page, and the suffix of the keys worded for them. */
    public enum Reader {
        HOLDER(""),
        GUARDIAN(".guardian"),
        RELATIVE(".relative");

        private final String suffix;

        Reader(String suffix) {
            this.suffix = suffix;
        }
    }

    private final Reader reader;
    private final MessageSource messages;

    PageWording(Reader reader, MessageSource messages) {
        this.reader = reader;
        this.messages = messages;
    }

    /** The key of the text to show: the reader's own wording where one exists. */
    public String key(String key) {
        if (reader == Reader.HOLDER) {
            return key;
        }
        String variant = key + reader.suffix;
        // the base bundle holds every key (the zh-CN bundle pairs each), so asking it says whether a variant exists
        return messages.getMessage(variant, null, null, Locale.ROOT) != null ? variant : key;
    }

    public Reader getReader() {
        return reader;
    }
}
