package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.StaffIntakeModel;
import org.springframework.stereotype.Component;

/**
 * Task_ForgetFormFields of the staff processes started from a form in Tasklist (StaffIntakeProcess,
 * SendToReviewProcess): removes the history of the start form's fields (variables, their updates and the form-field
 * entries that full history writes), so that what staff typed (an email, a reason) stays in the application's tables
 * only and never shows in Cockpit. Safe to repeat.
 */
@Component(StaffIntakeModel.BEAN_FORGET_FORM_FIELDS)
public class ForgetStartFormFieldsDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        HistoryService history = execution.getProcessEngineServices().getHistoryService();
        // every variable and historic detail of this instance, form fields included; what remains worth
        // keeping (the reference) is the business key
        history.deleteHistoricVariableInstancesByProcessInstanceId(execution.getProcessInstanceId());
    }
}
