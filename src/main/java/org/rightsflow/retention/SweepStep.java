package org.rightsflow.retention;

import org.rightsflow.datamap.DataCategory;

/**
 * One step of a sweep: one system and one category, either its rows past retention ({@code purpose} null) or what of
 * it rests on a consent that is no longer given ({@code purpose} the consent purpose).
 *
 * @param key       the step's name in the process and in the checkpoint table, for example
 *                  {@code account-system/OPERATION_LOGS} or {@code account-system/REAL_NAME/withdrawn:FACE_RECOGNITION}
 * @param execution whether the application erases through the system's connector or a data operator does it
 */
public record SweepStep(String key, String systemId, DataCategory category, String purpose, Execution execution) {

    public enum Execution {
        /** The application erases through the system's connector, batch by batch. */
        IN_PROCESS,
        /** The system has no connector that can erase in the application: a data operator sweeps it. */
        BY_HAND
    }

    public static String key(String systemId, DataCategory category, String purpose) {
        return systemId + "/" + category.name() + (purpose == null ? "" : "/withdrawn:" + purpose);
    }

    public boolean consentBased() {
        return purpose != null;
    }
}
