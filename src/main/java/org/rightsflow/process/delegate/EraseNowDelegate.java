package org.rightsflow.process.delegate;

import static org.rightsflow.process.delegate.Delegates.requestId;

import org.rightsflow.fulfilment.erasure.ErasureService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_EraseNow: erases every planned row that no retention rule holds (idempotent). */
@Component("eraseNow")
public class EraseNowDelegate implements JavaDelegate {

    private final ErasureService erasure;

    public EraseNowDelegate(ErasureService erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.eraseNow(requestId(execution));
    }
}
