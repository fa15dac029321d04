package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.access.AccessFulfilment;
import org.rightsflow.process.model.AccessFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_PublishDownload: the expiring link goes to the contact on file; the right is fulfilled. */
@Component(AccessFulfilmentModel.BEAN_PUBLISH_DOWNLOAD)
public class PublishDownloadDelegate implements JavaDelegate {

    private final AccessFulfilment access;

    public PublishDownloadDelegate(AccessFulfilment access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        access.publish(requestId(execution), (String) execution.getVariable(VariableNames.DOWNLOAD_ID));
        execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }
}
