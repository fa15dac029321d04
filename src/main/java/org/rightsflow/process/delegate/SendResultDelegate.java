package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.stereotype.Component;

/** Task_SendResult: the one result notice and the final status. */
@Component(RightsRequestModel.BEAN_SEND_RESULT)
public class SendResultDelegate implements JavaDelegate {

    private final RequestLifecycle lifecycle;

    public SendResultDelegate(RequestLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.finish(requestId(execution), ProcessVariables.string(execution, VariableNames.OUTCOME),
                ProcessVariables.stringList(execution, VariableNames.RESULT_GROUNDS),
                ProcessVariables.string(execution, VariableNames.RESULT_EXPLANATION));
    }
}
