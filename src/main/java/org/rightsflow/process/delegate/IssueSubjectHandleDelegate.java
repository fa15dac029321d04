package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.systems.WorkerSteps;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * Task_IssueSubjectHandle: the worker's external task carries the operation and an opaque, request-scoped subject
 * handle, never an identifier, and the request's reference; the worker exchanges the handle through the worker API.
 */
@Component(SystemStepModel.BEAN_ISSUE_SUBJECT_HANDLE)
public class IssueSubjectHandleDelegate implements JavaDelegate {

    private final WorkerSteps workers;

    public IssueSubjectHandleDelegate(WorkerSteps workers) {
        this.workers = workers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String stepId = (String) execution.getVariable(SystemStepModel.SYSTEM_STEP_ID);
        execution.setVariable(SystemStepModel.SUBJECT_HANDLE, workers.issueHandle(stepId));
        execution.setVariable(SystemStepModel.OPERATION, workers.operation(stepId));
        // the third variable the worker fetches; the step's process holds the reference as its business key only
        execution.setVariable(VariableNames.REFERENCE, execution.getProcessBusinessKey());
    }
}
