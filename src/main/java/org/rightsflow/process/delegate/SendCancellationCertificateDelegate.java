package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.process.model.AccountCancellationModel;
import org.rightsflow.process.model.VariableNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendCancellationCertificate: the certificate by email, then the account record is anonymised. */
@Component(AccountCancellationModel.BEAN_SEND_CANCELLATION_CERTIFICATE)
public class SendCancellationCertificateDelegate implements JavaDelegate {

    private final AccountCancellationFulfilment cancellation;

    public SendCancellationCertificateDelegate(AccountCancellationFulfilment cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cancellation.certify(requestId(execution));
        execution.setVariable(VariableNames.OUTCOME, VariableNames.OUTCOME_COMPLETED);
    }
}
