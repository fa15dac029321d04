package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
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
        // transient: Task_PublishDownload reads it in this job (a failed job builds again), and nothing after it
        execution.setVariable(VariableNames.DOWNLOAD_ID,
                Variables.stringValue(access.buildReport(requestId(execution)), true));
    }
}
