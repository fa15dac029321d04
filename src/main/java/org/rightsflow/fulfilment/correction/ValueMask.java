package org.rightsflow.fulfilment.correction;

import org.rightsflow.common.Masks;
import org.rightsflow.datamap.CorrectableField;

/**
 * Masks a value so that people who decide on a correction, and the audit trail, can see which value is meant
 * without reading it (for example 张**, **************1234, l***@***.com, **********0001): the rules of
 * {@link Masks}, chosen by the field's kind.
 */
public final class ValueMask {

    private ValueMask() {
    }

    public static String mask(CorrectableField.Mask kind, String value) {
        return switch (kind) {
            case NAME -> Masks.name(value);
            case ID_NUMBER, PHONE -> Masks.lastFour(value);
            case EMAIL -> Masks.email(value);
            case TEXT -> Masks.text(value);
        };
    }
}
