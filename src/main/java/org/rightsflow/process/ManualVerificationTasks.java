package org.rightsflow.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.rightsflow.identity.ManualVerificationCases;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.springframework.stereotype.Component;

/**
 * What Task_VerifyIdentityManually shows of its account's manual verification: every request waiting in it (the
 * task's own first) as a table, and the others as choices staff confirm one by one. References, types, reasons and
 * dates only: task-local JSON variables that end with the task. Set when the task is created and again whenever a
 * request joins, so that the form staff open is always current.
 */
@Component
public class ManualVerificationTasks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualVerificationCases cases;
    private final TaskService tasks;

    public ManualVerificationTasks(ManualVerificationCases cases, TaskService tasks) {
        this.cases = cases;
        this.tasks = tasks;
    }

    /** On the task's creation. */
    public void show(DelegateTask task, String requestId) {
        task.setVariablesLocal(variables(requestId));
    }

    /** After a request joined: the lead's open task, if there is one yet, shows it. */
    public void refresh(String leadReference, String leadRequestId) {
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(leadReference)
                .taskDefinitionKey(RightsRequestModel.TASK_VERIFY_IDENTITY_MANUALLY).list()) {
            tasks.setVariablesLocal(task.getId(), variables(leadRequestId));
        }
    }

    private Map<String, Object> variables(String requestId) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<Map<String, String>> choices = new ArrayList<>();
        for (ManualVerificationCases.Member member : cases.members(requestId)) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("reference", member.reference() + (member.lead() ? " (this task)" : ""));
            row.put("type", member.type());
            row.put("reason", member.reason() == null ? "" : member.reason());
            row.put("received", NoticeFormats.dateTime(member.receivedAt()));
            rows.add(row);
            if (!member.lead()) {
                choices.add(Map.of("label", member.reference() + " — " + member.type() + ", received "
                        + NoticeFormats.dateTime(member.receivedAt()), "value", member.reference()));
            }
        }
        return Map.of(VariableNames.CASE_REQUESTS, json(rows), VariableNames.CASE_CHOICES, json(choices));
    }

    private static JsonValue json(Object value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
