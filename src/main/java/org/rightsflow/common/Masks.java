package org.rightsflow.common;

import java.util.Locale;

/**
 * How personal values are shown where the whole value must not go (task forms, whose variables reach the engine's
 * history; the audit trail; notices that must not repeat what a requester typed). A mask keeps at most: the first
 * character of a name, a text or an email's local part, an email's top-level domain, and the last 4 digits of a
 * phone or ID number. It never holds the whole value, whatever its length.
 */
public final class Masks {

    /** Shown for a missing value. */
    public static final String NONE = "—";

    private Masks() {
    }

    /** "li.lei@example.com" → "l***@***.com". */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return NONE;
        }
        String v = email.strip();
        int at = v.lastIndexOf('@');
        if (at < 1) {
            return text(v);
        }
        String domain = v.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot >= 0 && dot < domain.length() - 1 ? domain.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return firstCharacter(v) + "***@***" + (tld.isEmpty() || !tld.matches("[a-z]{2,24}") ? "" : "." + tld);
    }

    /** "+8613800000001" → "**********0001": the last 4 digits, never more than half of them. */
    public static String lastFour(String number) {
        if (number == null || number.isBlank()) {
            return NONE;
        }
        String v = number.strip();
        int n = v.codePointCount(0, v.length());
        return n >= 8 ? "*".repeat(n - 4) + v.substring(v.offsetByCodePoints(v.length(), -4)) : "*".repeat(n);
    }

    /** "张三丰" → "张**": the first character, the rest as stars. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        String v = name.strip();
        int n = v.codePointCount(0, v.length());
        return firstCharacter(v) + "*".repeat(Math.max(1, Math.min(n - 1, 6)));
    }

    /** Free text: its first character and three stars, so that neither content nor length shows. */
    public static String text(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String v = text.strip();
        return v.codePointCount(0, v.length()) > 1 ? firstCharacter(v) + "***" : "*";
    }

    private static String firstCharacter(String v) {
        return v.substring(0, v.offsetByCodePoints(0, 1));
    }
}
