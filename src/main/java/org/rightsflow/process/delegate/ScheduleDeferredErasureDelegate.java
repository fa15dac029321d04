package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.erasure.ErasureHold;
import org.rightsflow.fulfilment.erasure.ErasureFulfilment;
import org.rightsflow.process.model.DeferredErasureModel;
import org.rightsflow.process.model.DeletionFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * Task_ScheduleDeferredErasure: one DeferredErasureProcess per held category, started through the engine of this
 * execution, so the starts commit or roll back with this job. A hold that already has its process (a repeated run)
 * gets no second one. Chosen over a multi-instance call activity: the deferred erasures outlive this request by
 * years and must not keep the request's process instances open.
 */
@Component(DeletionFulfilmentModel.BEAN_SCHEDULE_DEFERRED_ERASURE)
public class ScheduleDeferredErasureDelegate implements JavaDelegate {

    private final ErasureFulfilment erasure;

    public ScheduleDeferredErasureDelegate(ErasureFulfilment erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        for (ErasureHold hold : erasure.recordHolds(requestId(execution))) {
            boolean started = runtime.createProcessInstanceQuery()
                    .processDefinitionKey(DeferredErasureModel.PROCESS_ID)
                    .variableValueEquals(DeferredErasureModel.HOLD_ID, hold.id()).count() > 0;
            if (hold.erased() || started) {
                continue;
            }
            runtime.startProcessInstanceByKey(DeferredErasureModel.PROCESS_ID, execution.getProcessBusinessKey(),
                    org.camunda.bpm.engine.variable.Variables.createVariables()
                            .putValue(VariableNames.REQUEST_ID, hold.requestId())
                            .putValue(VariableNames.REFERENCE, execution.getVariable(VariableNames.REFERENCE))
                            .putValue(DeferredErasureModel.HOLD_ID, hold.id())
                            .putValue(DeferredErasureModel.RETENTION_END, Date.from(hold.retentionEnd())));
        }
    }
}
