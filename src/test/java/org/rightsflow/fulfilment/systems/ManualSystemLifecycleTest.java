package org.rightsflow.fulfilment.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.erasure.ErasureTestAccounts;
import org.rightsflow.process.model.SystemStepModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.support.AllSystemKindsIntegrationTest;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.StaffSignIn;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A manual system in the data map (the demo's paper archive): a DELETE erases what the account and billing systems
 * hold through their connectors, and gives a data operator a task that says exactly which system, categories and
 * operation, with no personal data in it; the request waits for the operator, who records what was done; the result
 * notice then says per system what was done, the paper archive's part done by hand.
 */
class ManualSystemLifecycleTest extends AllSystemKindsIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;

    @Test
    void aDataOperatorDoesThePaperArchivesPartAndTheNoticeSaysSo() {
        ErasureTestAccounts accounts = new ErasureTestAccounts(jdbc, TestInfrastructure.jdbcOf(BILLING_DATABASE));
        String email = ErasureTestAccounts.uniqueEmail("manual-system");
        String phone = "+8613955550001";
        long id = accounts.account(email, phone);
        accounts.fillEveryCategory(id);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        RequesterJourney requester = new RequesterJourney(new Api(port), mailbox);
        RequesterJourney.Filed filed = requester.fileAndVerify("DELETE", email, email,
                Map.of("ground", "CONSENT_WITHDRAWN", "categories", List.of("CONTRACTS", "OPERATION_LOGS")));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(filed.reference()).taskDefinitionKey(SystemStepModel.TASK_DO_STEP_BY_HAND)
                .count() == 1);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(filed.reference())
                .taskDefinitionKey(SystemStepModel.TASK_DO_STEP_BY_HAND).singleResult();
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .contains(SystemStepModel.GROUP_DATA_OPERATORS);
        String instructions = (String) tasks.getVariable(task.getId(), SystemStepModel.STEP_INSTRUCTIONS);
        assertThat(instructions).contains("Paper contract archive", "纸质合同档案室", "`paper-archive`",
                "Signed paper contracts", "Delete or anonymise these records", "/staff/requests/" + filed.reference());
        assertThat(tasks.getVariable(task.getId(), SystemStepModel.SYSTEM_ID)).isEqualTo("paper-archive");
        // the step's process is given its step's id only: the task takes the request's id (its card), right (Tasklist's
        // type column, the staff digest) and due date from the request's processes, and holds the reference task-local
        Map<String, Object> request = jdbc.queryForMap("select id, due_at from rights_request where reference = ?",
                filed.reference());
        assertThat(task.getDueDate().toInstant())
                .isEqualTo(((java.sql.Timestamp) request.get("due_at")).toInstant());
        assertThat(runtime.getVariables(task.getProcessInstanceId(), List.of(VariableNames.REQUEST_ID,
                VariableNames.REQUEST_TYPE, VariableNames.DUE_DATE))).containsEntry(VariableNames.REQUEST_ID,
                request.get("id")).containsEntry(VariableNames.REQUEST_TYPE, "DELETE")
                .containsKey(VariableNames.DUE_DATE);
        assertThat(tasks.getVariableLocal(task.getId(), VariableNames.REFERENCE)).isEqualTo(filed.reference());
        assertThat(tasks.getVariableLocal(task.getId(), VariableNames.TASK_CARD)).as("the request's card").isNotNull();
        assertThat(tasks.getVariables(task.getId()).values().toString()).as("no personal data in the task")
                .doesNotContain(email, phone, "测试用户");

        // the account system's part is done through its connector beside it; the request waits for the operator
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> jdbc.queryForObject(
                "select count(*) from system_step where reference = ? and system_id = 'account-system'"
                        + " and status = 'DONE'", Long.class, filed.reference()) == 1);
        // a step done by its connector holds its two ids and nothing its path does not read
        String connectorStep = history.createHistoricProcessInstanceQuery().processDefinitionKey(SystemStepModel.PROCESS_ID)
                .processInstanceBusinessKey(filed.reference()).list().stream()
                .filter(p -> "account-system".equals(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(p.getId()).variableName(SystemStepModel.SYSTEM_ID).singleResult().getValue()))
                .findFirst().orElseThrow().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(connectorStep).list())
                .extracting(v -> v.getName())
                .containsExactlyInAnyOrder(SystemStepModel.SYSTEM_STEP_ID, SystemStepModel.SYSTEM_ID);
        assertThat(jdbc.queryForObject("select count(*) from account_operation_log where account_id = ?"
                + " and restricted = false", Long.class, id)).isZero();
        assertThat(requester.status(filed)).isNotEqualTo("COMPLETED");

        // an empty record is refused and loses nothing
        StaffSignIn.as(identity, "operator");
        try {
            assertThatThrownBy(() -> tasks.complete(task.getId(), Variables.createVariables()
                    .putValue("decision", "DONE").putValue("explanation", "")))
                    .hasMessageContaining("explanation");
            tasks.complete(task.getId(), Variables.createVariables().putValue("decision", "DONE")
                    .putValue("records", 1L)
                    .putValue("explanation", "Folder shredded under the archive's destruction procedure."));
        } finally {
            identity.clearAuthentication();
        }

        requester.awaitStatus(filed, "COMPLETED");
        Mailbox.Mail result = mailbox.awaitOne(email, "RESULT_COMPLETED", filed.reference());
        assertThat(result.body()).contains("Paper contract archive: done by hand by our staff (1 records)",
                "Account system: ");
        assertThat(jdbc.queryForList("select execution, done_by, operator, note from system_step"
                + " where reference = ? and system_id = 'paper-archive'", filed.reference()))
                .containsExactly(Map.of("execution", "PERSON", "done_by", "PERSON", "operator", "operator",
                        "note", "Folder shredded under the archive's destruction procedure."));
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select actor from audit_entry where reference = ? and action = 'SYSTEM_STEP_DONE'"
                + " and detail like '%paper-archive%'", String.class, filed.reference())).containsExactly("operator");
    }
}
