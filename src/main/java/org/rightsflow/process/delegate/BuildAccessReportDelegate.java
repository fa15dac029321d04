package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.access.AccessFulfilment;
import org.rightsflow.process.model.AccessFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_BuildAccessReport: the ACCESS report from the data map, stored for delivery. */
@Component(AccessFulfilmentModel.BEAN_BUILD_ACCESS_REPORT)
public class BuildAccessReportDelegate implements JavaDelegate {

    private final AccessFulfilment access;

    public BuildAccessReportDelegate(AccessFulfilment access) {
        this.access = access;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VariableNames.DOWNLOAD_ID, access.buildReport(requestId(execution)));
    }
}
