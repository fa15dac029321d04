package org.rightsflow.support;

import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.process.setup.TasklistSetup.TaskFilter;

/** Tasklist's filters as tests name them: by the staff group's English name ("Privacy officers"). */
public final class TaskFilters {

    private TaskFilters() {
    }

    /** The name of the group's filter of all its open tasks, as Tasklist lists it (in Chinese and English). */
    public static String openTasksOf(String group) {
        return StaffGroups.TASK_WORKERS.stream().filter(id -> StaffGroups.displayName(id).equals(group))
                .map(TaskFilter.OPEN::nameFor).findFirst().orElseThrow(() -> new IllegalArgumentException(group));
    }
}
