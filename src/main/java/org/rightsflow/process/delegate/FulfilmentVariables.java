package org.rightsflow.process.delegate;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * CallActivity_Fulfil's variables that a request holds only sometimes: a provisional due date's flag, and the grounds
 * and explanation of a partial refusal (in) or of a refusal the fulfilment made (out). A {@code camunda:in} or
 * {@code camunda:out} of a variable that does not exist writes it with the value null, and each such null was a
 * runtime row, a historic variable instance and (for the two decisions) a history detail, in the fulfilment and again
 * back in the request: five variables and four details of every request fulfilled without a refusal. Here a variable
 * goes in only when the request holds a value, and comes back only when the fulfilment holds it; every reader
 * (SendResultDelegate, Tasklist's provisional column and filter, ProvisionalFlag) reads an absent variable as it read
 * the null. The variables every fulfilment reads stay {@code camunda:in} mappings in the model.
 */
@Component(RightsRequestModel.BEAN_FULFILMENT_VARIABLES)
public class FulfilmentVariables implements DelegateVariableMapping {

    static final List<String> IN_WHEN_HELD = List.of(VariableNames.DUE_DATE_PROVISIONAL, VariableNames.RESULT_GROUNDS,
            VariableNames.RESULT_EXPLANATION);
    static final List<String> OUT_WHEN_HELD = List.of(VariableNames.RESULT_GROUNDS, VariableNames.RESULT_EXPLANATION);

    @Override
    public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
        for (String name : IN_WHEN_HELD) {
            TypedValue value = superExecution.getVariableTyped(name);
            if (value != null && value.getValue() != null) {
                subVariables.putValueTyped(name, value);
            }
        }
    }

    @Override
    public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
        for (String name : OUT_WHEN_HELD) {
            if (subInstance.hasVariable(name)) {
                superExecution.setVariable(name, subInstance.getVariableTyped(name));
            }
        }
    }
}
