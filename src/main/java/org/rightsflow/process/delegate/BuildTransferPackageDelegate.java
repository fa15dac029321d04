package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.transfer.TransferFulfilment;
import org.rightsflow.process.model.TransferFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_BuildCopyPackage (TRANSFER): the approved transfer's package, built as for COPY. */
@Component(TransferFulfilmentModel.BEAN_BUILD_TRANSFER_PACKAGE)
public class BuildTransferPackageDelegate implements JavaDelegate {

    private final TransferFulfilment transfer;

    public BuildTransferPackageDelegate(TransferFulfilment transfer) {
        this.transfer = transfer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(VariableNames.DOWNLOAD_ID, transfer.buildPackage(requestId(execution)));
    }
}
