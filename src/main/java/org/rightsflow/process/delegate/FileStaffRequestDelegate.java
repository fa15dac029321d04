package org.rightsflow.process.delegate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.rightsflow.process.ProcessVariables;
import org.rightsflow.process.model.StaffIntakeModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.request.FilingReceipt;
import org.rightsflow.request.IntakeCommand;
import org.rightsflow.request.InvalidRequestException;
import org.rightsflow.request.RequestIntakeService;
import org.springframework.stereotype.Component;

/**
 * Task_FileRequest of StaffIntakeProcess: the start form's fields become a request through the intake service,
 * then leave the process. The form's fields hold the email intake staff typed (personal data), so they are
 * removed from the process at once; {@code forgetStartFormFields} then removes their history.
 *
 * <p>Runs in the transaction of the form submission (not asynchronously): a field the intake service rejects is
 * shown to the staff member in Tasklist and nothing is stored, not an incident in Cockpit.
 */
@Component(StaffIntakeModel.BEAN_FILE_STAFF_REQUEST)
public class FileStaffRequestDelegate implements JavaDelegate {

    static final List<String> FORM_FIELDS = List.of(StaffIntakeModel.FIELD_REQUEST_TYPE,
            StaffIntakeModel.FIELD_ACCOUNT_EMAIL, StaffIntakeModel.FIELD_LANGUAGE, StaffIntakeModel.FIELD_RECEIVED_VIA,
            StaffIntakeModel.FIELD_DELETION_GROUND, StaffIntakeModel.FIELD_CONSENT_PURPOSES, StaffIntakeModel.FIELD_QUESTION,
            StaffIntakeModel.FIELD_RESTRICT_CATEGORIES, StaffIntakeModel.FIELD_RESTRICT_PURPOSES,
            StaffIntakeModel.FIELD_RESTRICT_UNTIL);

    private final RequestIntakeService intake;

    public FileStaffRequestDelegate(RequestIntakeService intake) {
        this.intake = intake;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String type = ProcessVariables.string(execution, StaffIntakeModel.FIELD_REQUEST_TYPE);
        String email = ProcessVariables.string(execution, StaffIntakeModel.FIELD_ACCOUNT_EMAIL);
        String language = ProcessVariables.string(execution, StaffIntakeModel.FIELD_LANGUAGE);
        String receivedVia = ProcessVariables.string(execution, StaffIntakeModel.FIELD_RECEIVED_VIA);
        ObjectNode details = details(type, ProcessVariables.string(execution, StaffIntakeModel.FIELD_DELETION_GROUND),
                ProcessVariables.stringList(execution, StaffIntakeModel.FIELD_CONSENT_PURPOSES));
        if ("EXPLAIN".equals(type)) {
            details = JsonNodeFactory.instance.objectNode()
                    .put("question", nullToEmpty(ProcessVariables.string(execution, StaffIntakeModel.FIELD_QUESTION)));
        } else if ("RESTRICT".equals(type)) {
            details = restriction(ProcessVariables.stringList(execution, StaffIntakeModel.FIELD_RESTRICT_CATEGORIES),
                    ProcessVariables.stringList(execution, StaffIntakeModel.FIELD_RESTRICT_PURPOSES),
                    ProcessVariables.string(execution, StaffIntakeModel.FIELD_RESTRICT_UNTIL));
        }
        FORM_FIELDS.forEach(execution::removeVariable);
        FilingReceipt filed;
        try {
            filed = intake.fileByStaff(new IntakeCommand(type, email, language, details), staffUser(execution), receivedVia);
        } catch (InvalidRequestException e) {
            // the message names the field, never its value
            throw new ProcessEngineException(e.code() + ": " + e.getMessage());
        }
        execution.setProcessBusinessKey(filed.request().reference());
        execution.setVariable(VariableNames.REFERENCE, filed.request().reference());
        execution.setVariable(VariableNames.REQUEST_TYPE, filed.request().type().name());
        // for the task that shows the reference to the staff member: its card and its due date
        execution.setVariable(VariableNames.REQUEST_ID, filed.request().id());
        execution.setVariable(VariableNames.DUE_DATE, java.util.Date.from(filed.request().dueAt()));
    }

    /** The details of a deletion ground or consent purposes (EXPLAIN's question and RESTRICT's choices: below). */
    private static ObjectNode details(String type, String deletionGround, List<String> purposes) {
        if ("DELETE".equals(type) && deletionGround != null && !deletionGround.isBlank()) {
            return JsonNodeFactory.instance.objectNode().put("ground", deletionGround);
        }
        if ("WITHDRAW_CONSENT".equals(type) && !purposes.isEmpty()) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            purposes.forEach(node.putArray("purposes")::add);
            return node;
        }
        return null;
    }

    /** RESTRICT: the chosen categories and purposes (none: all) and the end date, if any. */
    private static ObjectNode restriction(List<String> categories, List<String> purposes, String until) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (!categories.isEmpty()) {
            categories.forEach(node.putArray("categories")::add);
        }
        if (!purposes.isEmpty()) {
            purposes.forEach(node.putArray("purposes")::add);
        }
        if (until != null && !until.isBlank()) {
            node.put("until", until.strip());
        }
        return node.isEmpty() ? null : node;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String staffUser(DelegateExecution execution) {
        Authentication authentication =
                execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
