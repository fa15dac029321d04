package org.rightsflow.process.delegate;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.process.model.VariableNames;

/**
 * What a system's step holds once it is a data operator's task (a manual system, a connector that cannot do the
 * operation, or a worker past its time limit), and only then: the instructions of Form_SystemStep, and the copies of
 * the request's row that the task's readers want from its own process instance — the task card's request id, the due
 * date of the task (and of Tasklist's due column; a deadline change moves it, DeadlineTimers) and the right for
 * Tasklist's type column and the staff digest. The reference column is the business key (TaskCardListener). A step
 * done by its connector or its worker never reads them, so its called processes are not given them: they are taken
 * from the nearest caller that holds them, as the call activities' in-mappings took them before.
 */
final class ByHandStep {

    static final List<String> FROM_THE_CALLERS = List.of(VariableNames.REQUEST_ID, VariableNames.REQUEST_TYPE,
            VariableNames.DUE_DATE);

    private ByHandStep() {
    }

    static void prepare(DelegateExecution execution, String instructions) {
        execution.setVariable(SystemStepModel.STEP_INSTRUCTIONS, instructions);
        for (String name : FROM_THE_CALLERS) {
            if (execution.getVariable(name) == null) {
                execution.setVariable(name, fromCallers(execution, name));
            }
        }
    }

    /** The variable as the nearest calling process instance sees it (its own, or one of its callers'); else null. */
    static Object fromCallers(DelegateExecution execution, String name) {
        for (DelegateExecution caller = execution.getProcessInstance().getSuperExecution(); caller != null;
                caller = caller.getProcessInstance().getSuperExecution()) {
            Object value = caller.getVariable(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
