package org.rightsflow.support;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/** Signs a demo staff user in with their groups, as Tasklist and the REST API do. */
public final class StaffSignIn {

    private StaffSignIn() {
    }

    public static void as(IdentityService identity, String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
    }
}
