package org.rightsflow.process.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.rightsflow.process.model.VariableNames;

/** What every decision listener needs: who is completing the task, and for which request. */
final class TaskListeners {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskListeners() {
    }

    /** The signed-in user completing the task (Tasklist and the REST API authenticate); else the assignee. */
    static String currentUser(DelegateTask task) {
        Authentication authentication =
                task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee();
    }

    /**
     * The form fields {@code decision}, {@code grounds} and {@code explanation} are shared by every decision form
     * (docs/staff.md, decision forms). Once a listener has copied them into the variables of its own decision, they are removed, so
     * that the next form starts empty and one decision never overwrites another's explanation.
     */
    static void clearFormFields(DelegateTask task) {
        task.removeVariable(VariableNames.DECISION);
        task.removeVariable(VariableNames.GROUNDS);
        task.removeVariable(VariableNames.EXPLANATION);
    }

    static String requestId(DelegateTask task) {
        return (String) task.getVariable(VariableNames.REQUEST_ID);
    }

    /** A value as a JSON variable, for a form's table or choices (Tasklist reads JSON variables as lists). */
    static JsonValue json(Object value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
