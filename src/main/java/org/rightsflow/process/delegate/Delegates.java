package org.rightsflow.process.delegate;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.rightsflow.process.model.VariableNames;

/** The variable every delegate starts from. */
final class Delegates {

    private Delegates() {
    }

    static String requestId(VariableScope scope) {
        return (String) scope.getVariable(VariableNames.REQUEST_ID);
    }
}
