package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.rightsflow.process.model.StaffDailyDigestModel;
import org.springframework.stereotype.Component;

/**
 * Task_NoteDigestTime: fixes the moment of today's digest once, on the engine's clock (the one its timers and task
 * due dates run on), so that every group's digest and every retry count from the same moment and day.
 */
@Component(StaffDailyDigestModel.BEAN_NOTE_DIGEST_TIME)
public class NoteDigestTimeDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(StaffDailyDigestModel.VAR_DIGEST_AT, ClockUtil.getCurrentTime());
    }
}
