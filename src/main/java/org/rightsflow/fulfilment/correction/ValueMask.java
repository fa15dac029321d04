package org.rightsflow.fulfilment.correction;

import org.rightsflow.datamap.CorrectableField;

/**
 * Masks a value so that people who decide on a correction, and the audit trail, can see which value is meant
 * without reading it (for example 张*, 1101**********1234, l***@example.com, +86138****0001). A masked value never
 * holds the whole value, whatever its length.
 */
public final class ValueMask {

    private ValueMask() {
    }

    public static String mask(CorrectableField.Mask kind, String value) {
        if (value == null) {
            return "—";
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return "—";
        }
        int n = v.codePointCount(0, v.length());
        return switch (kind) {
            case NAME -> first(v, 1) + "*".repeat(Math.max(1, n - 1));
            case ID_NUMBER -> n > 8 ? first(v, 4) + "*".repeat(n - 8) + last(v, 4) : "*".repeat(n);
            case EMAIL -> {
                int at = v.indexOf('@');
                yield at > 0 ? first(v, 1) + "***" + v.substring(at) : first(v, 1) + "***";
            }
            case PHONE -> n > 8 ? first(v, n - 8) + "****" + last(v, 4) : "*".repeat(n);
            case TEXT -> n > 1 ? first(v, 1) + "***" : "*";
        };
    }

    private static String first(String v, int count) {
        return v.substring(0, v.offsetByCodePoints(0, count));
    }

    private static String last(String v, int count) {
        return v.substring(v.offsetByCodePoints(v.length(), -count));
    }
}
