package org.rightsflow.web.privacy;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Words a Privacy Center page for the person reading it. The account holder reads "your account", "your personal
 * information"; a minor's guardian reads about the minor's account and is told that the codes and results go to the
 * guardian's own contact details on file. A text with a guardian's wording has a second key, the first one plus
 * {@code .guardian}, in both bundles (PrivacyCenterBundlesTest checks they pair); a text without one reads the same
 * for both. Templates ask {@code #{${wording.key('next.CODES')}}}.
 */
public final class PageWording {

    static final String GUARDIAN_SUFFIX = ".guardian";

    private final boolean guardian;
    private final MessageSource messages;

    private PageWording(boolean guardian, MessageSource messages) {
        this.guardian = guardian;
        this.messages = messages;
    }

    static PageWording forHolder(MessageSource messages) {
        return new PageWording(false, messages);
    }

    static PageWording forGuardian(boolean guardian, MessageSource messages) {
        return new PageWording(guardian, messages);
    }

    /** The key of the text to show: the guardian's wording where the page speaks to a guardian and one exists. */
    public String key(String key) {
        if (!guardian) {
            return key;
        }
        String variant = key + GUARDIAN_SUFFIX;
        // the base bundle holds every key (the zh-CN bundle pairs each), so asking it says whether a variant exists
        return messages.getMessage(variant, null, null, Locale.ROOT) != null ? variant : key;
    }

    public boolean isGuardian() {
        return guardian;
    }
}
