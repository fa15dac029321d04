package org.rightsflow.process.delegate;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.notice.StaffDigests;
import org.rightsflow.process.digest.GroupTasks;
import org.rightsflow.process.model.StaffDailyDigestModel;
import org.rightsflow.process.model.StaffGroups;
import org.rightsflow.process.setup.StaffRecipients;
import org.springframework.stereotype.Component;

/** Task_SendGroupDigest (one instance per group): the group's new and overdue tasks, to each of its members. */
@Component(StaffDailyDigestModel.BEAN_SEND_STAFF_DIGEST)
public class SendStaffDigestDelegate implements JavaDelegate {

    private final StaffDigests digests;
    private final GroupTasks tasks;
    private final StaffRecipients recipients;

    public SendStaffDigestDelegate(StaffDigests digests, GroupTasks tasks, StaffRecipients recipients) {
        this.digests = digests;
        this.tasks = tasks;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String group = (String) execution.getVariable(StaffDailyDigestModel.VAR_STAFF_GROUP);
        Instant digestAt = ((Date) execution.getVariable(StaffDailyDigestModel.VAR_DIGEST_AT)).toInstant();
        digests.send(new StaffDigests.Group(group, StaffGroups.chineseName(group), StaffGroups.displayName(group)), digestAt, tasks.arrivedBefore(group, digestAt),
                tasks.overdueAt(group, digestAt), recipients.ofGroup(group));
    }
}
