package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.copy.CopyFulfilment;
import org.rightsflow.process.model.CopyFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_PublishDownload (COPY): the expiring link goes to the contact on file; the right is fulfilled. */
@Component(CopyFulfilmentModel.BEAN_PUBLISH_COPY_PACKAGE)
public class PublishCopyPackageDelegate implements JavaDelegate {

    private final CopyFulfilment copy;

    public PublishCopyPackageDelegate(CopyFulfilment copy) {
        this.copy = copy;
    }

    @Override
    public void execute(DelegateExecution execution) {
        copy.publish(requestId(execution), (String) execution.getVariable(VariableNames.DOWNLOAD_ID));
        execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }
}
