package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.identity.ManualVerificationCases;
import org.rightsflow.identity.ManualVerificationReason;
import org.rightsflow.identity.ManualVerificationRoute;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/** Task_RequestManualVerification: no codes for this request; it waits for intake staff, by the route they decide. */
@Component(RightsRequestModel.BEAN_REQUEST_MANUAL_VERIFICATION)
public class RequestManualVerificationDelegate implements JavaDelegate {

    private final IdentityVerificationService identity;
    private final ManualVerificationCases cases;

    public RequestManualVerificationDelegate(IdentityVerificationService identity, ManualVerificationCases cases) {
        this.identity = identity;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ManualVerificationRoute route = identity.awaitManualVerification(requestId(execution),
                ManualVerificationReason.valueOf(ProcessVariables.string(execution, VariableNames.MANUAL_VERIFICATION_REASON)));
        execution.setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, route.name());
        if (route == ManualVerificationRoute.DEFER) {
            execution.setVariable(VariableNames.MANUAL_VERIFICATION_ROUTED_AGAIN_AT, Date.from(cases.nextDay()));
        }
    }
}
