package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.fulfilment.transfer.TransferFulfilment;
import org.rightsflow.process.model.TransferFulfilmentModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_SendToRecipient: link and SHA-256 to the recipient, notice to the requester; the right is fulfilled. */
@Component(TransferFulfilmentModel.BEAN_SEND_TRANSFER_PACKAGE)
public class SendTransferPackageDelegate implements JavaDelegate {

    private final TransferFulfilment transfer;

    public SendTransferPackageDelegate(TransferFulfilment transfer) {
        this.transfer = transfer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        transfer.sendToRecipient(requestId(execution), (String) execution.getVariable(VariableNames.DOWNLOAD_ID));
        execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }
}
