package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.erasure.ErasureService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RestrictHeld: held rows restricted (storage and security only), one hold per held category. */
@Component("restrictHeld")
public class RestrictHeldDelegate implements JavaDelegate {

    private final ErasureService erasure;

    public RestrictHeldDelegate(ErasureService erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.restrictHeld(requestId(execution));
    }
}
