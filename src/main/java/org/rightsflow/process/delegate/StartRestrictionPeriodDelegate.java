package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.RestrictionFulfilmentModel;
import org.rightsflow.process.model.RestrictionPeriodModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * Task_StartRestrictionPeriod: the restriction's own RestrictionPeriodProcess, started through the engine of this
 * execution (it commits or rolls back with this job; a repeated run starts no second one). Its own process, not a
 * call activity: a restriction may last for years and must not keep the request open.
 */
@Component(RestrictionFulfilmentModel.BEAN_START_RESTRICTION_PERIOD)
public class StartRestrictionPeriodDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        Object restrictionId = execution.getVariable(RestrictionFulfilmentModel.RESTRICTION_ID);
        boolean started = runtime.createProcessInstanceQuery().processDefinitionKey(RestrictionPeriodModel.PROCESS_ID)
                .variableValueEquals(RestrictionFulfilmentModel.RESTRICTION_ID, restrictionId).count() > 0;
        if (started) {
            return;
        }
        runtime.startProcessInstanceByKey(RestrictionPeriodModel.PROCESS_ID, execution.getProcessBusinessKey(),
                org.camunda.bpm.engine.variable.Variables.createVariables()
                        .putValue(VariableNames.REQUEST_ID, execution.getVariable(VariableNames.REQUEST_ID))
                        .putValue(VariableNames.REFERENCE, execution.getVariable(VariableNames.REFERENCE))
                        .putValue(VariableNames.REQUEST_TYPE, execution.getVariable(VariableNames.REQUEST_TYPE))
                        .putValue(RestrictionFulfilmentModel.RESTRICTION_ID, restrictionId)
                        .putValue(RestrictionFulfilmentModel.RESTRICTION_ENDS,
                                execution.getVariable(RestrictionFulfilmentModel.RESTRICTION_ENDS)));
    }
}
