package org.rightsflow.process.setup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who gets a staff reminder or escalation (docs/clock.md), from the Camunda identity service: the members (with an email)
 * of the candidate groups of a request's open tasks, plus their assignees; or every member of a group. Empty when
 * nobody has an email, so the caller falls back to the staff mailbox.
 */
@Component
public class StaffRecipients {

    private final TaskService tasks;
    private final IdentityService identity;

    public StaffRecipients(TaskService tasks, IdentityService identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    /** The staff working on the open tasks of the request (its own and those of the processes it called). */
    public List<String> ofOpenTasks(String reference) {
        Set<String> groups = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(reference).list()) {
            if (task.getAssignee() != null) {
                users.add(task.getAssignee());
            }
            for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                } else if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
                    users.add(link.getUserId());
                }
            }
        }
        Set<String> emails = new LinkedHashSet<>();
        for (String group : groups) {
            emails.addAll(ofGroup(group));
        }
        for (String userId : users) {
            User user = identity.createUserQuery().userId(userId).singleResult();
            if (user != null && hasEmail(user)) {
                emails.add(user.getEmail());
            }
        }
        return new ArrayList<>(emails);
    }

    public List<String> ofGroup(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                .filter(StaffRecipients::hasEmail).map(User::getEmail).distinct().toList();
    }

    private static boolean hasEmail(User user) {
        return user.getEmail() != null && user.getEmail().contains("@");
    }
}
