package org.rightsflow.datamap;

import java.util.List;

/**
 * A CONSENTS mapping that is a consent register: one row per subject and purpose, whether consent is granted, and
 * when and through what it last changed. A WITHDRAW_CONSENT request records the withdrawal there (granted false),
 * in every system whose register holds one of the purposes withdrawn.
 *
 * @param purposeColumn   the purpose code
 * @param grantedColumn   the boolean: consent granted
 * @param changedAtColumn when it last changed
 * @param sourceColumn    where the last change came from (optional; a withdrawal writes {@code RIGHTS_REQUEST})
 * @param purposes        the purposes this register holds (empty: every purpose)
 */
public record ConsentRegisterColumns(String purposeColumn, String grantedColumn, String changedAtColumn,
                                     String sourceColumn, List<String> purposes) {

    /** What a withdrawal writes as its source. */
    public static final String SOURCE_RIGHTS_REQUEST = "RIGHTS_REQUEST";

    public ConsentRegisterColumns {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }

    public boolean holds(String purpose) {
        return purposes.isEmpty() || purposes.contains(purpose);
    }
}
