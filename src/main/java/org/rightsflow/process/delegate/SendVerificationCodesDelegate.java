package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.process.model.RightsRequestModel;
import org.springframework.stereotype.Component;

/** Task_SendVerificationCodes: codes to the contact on file. */
@Component(RightsRequestModel.BEAN_SEND_VERIFICATION_CODES)
public class SendVerificationCodesDelegate implements JavaDelegate {

    private final IdentityVerificationService identity;

    public SendVerificationCodesDelegate(IdentityVerificationService identity) {
        this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        identity.sendCodes(requestId(execution));
    }
}
