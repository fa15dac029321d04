package org.rightsflow.datamap;

import java.util.List;
import java.util.Optional;

/**
 * One system of the provider that holds personal data, as one data-map document.
 *
 * @param id         a stable id, for example {@code account-system}
 * @param connector  {@code jdbc} (the built-in JDBC connector), {@code external-task} (the system's own worker,
 *                   through Camunda external tasks), {@code manual} (data operators act by hand), or the
 *                   {@link SystemConnector#systemId()} of a connector bean that serves this system
 * @param connection {@code jdbc} only: the name of the system's own database connection, configured as
 *                   {@code rightsflow.datamap.connections.<name>.url/username/password} (from the environment);
 *                   absent: the tables live in the application's own database
 * @param worker     {@code external-task} only: how its worker is given its steps (time limit)
 * @param subject    the subject's own record, when the system has one (the built-in system does)
 * @param categories the categories the system holds, at most one mapping per category
 */
public record DataSystem(
        String id,
        LocalizedText label,
        String connector,
        String connection,
        WorkerSettings worker,
        SubjectMapping subject,
        List<CategoryMapping> categories) {

    public static final String JDBC = "jdbc";
    public static final String MANUAL = "manual";
    public static final String EXTERNAL_TASK = "external-task";

    public DataSystem {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public Optional<CategoryMapping> category(DataCategory category) {
        return categories.stream().filter(c -> c.category() == category).findFirst();
    }

    /** The worker settings of an {@code external-task} system (the defaults when the document gives none). */
    public WorkerSettings workerSettings() {
        return worker == null ? new WorkerSettings(null) : worker;
    }

    public Optional<SubjectMapping> subjectMapping() {
        return Optional.ofNullable(subject);
    }

    public boolean isManual() {
        return MANUAL.equals(connector);
    }

    public boolean isExternalTask() {
        return EXTERNAL_TASK.equals(connector);
    }
}
