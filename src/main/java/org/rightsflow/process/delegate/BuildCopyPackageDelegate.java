package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.copy.CopyFulfilment;
import org.rightsflow.process.model.CopyFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_BuildCopyPackage (COPY): the package streamed from the data map into an encrypted file. */
@Component(CopyFulfilmentModel.BEAN_BUILD_COPY_PACKAGE)
public class BuildCopyPackageDelegate implements JavaDelegate {

    private final CopyFulfilment copy;

    public BuildCopyPackageDelegate(CopyFulfilment copy) {
        this.copy = copy;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VariableNames.DOWNLOAD_ID, copy.buildPackage(requestId(execution)));
    }
}
