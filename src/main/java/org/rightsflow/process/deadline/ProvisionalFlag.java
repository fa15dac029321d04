package org.rightsflow.process.deadline;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.rightsflow.deadline.DueDateConfirmed;
import org.rightsflow.process.EngineChanges;
import org.rightsflow.process.model.VariableNames;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The workflow's copy of the provisional flag follows the request, in the transaction that cleared it: the
 * {@code dueDateProvisional} variable turns false on the request's process and on every process it called that
 * holds the variable (their tasks show it in Tasklist). The due date and its timers do not move.
 */
@Component
public class ProvisionalFlag {

    private final RuntimeService runtime;

    public ProvisionalFlag(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    public void on(DueDateConfirmed confirmed) {
        EngineChanges.ofRequest(confirmed.reference(), () -> {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(confirmed.reference()).active().list()) {
                if (runtime.getVariableLocal(instance.getId(), VariableNames.DUE_DATE_PROVISIONAL) != null) {
                    runtime.setVariableLocal(instance.getId(), VariableNames.DUE_DATE_PROVISIONAL, false);
                }
            }
        });
    }
}
