package org.rightsflow.web.staff;

import java.util.Set;

/** A signed-in Camunda user and the groups they are in now. */
public record StaffUser(String id, Set<String> groups) {

    public StaffUser {
        groups = Set.copyOf(groups);
    }

    public boolean may(StaffAccess access) {
        return access.allows(groups);
    }
}
