package org.rightsflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.rightsflow.audit.AuditVerifier;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.process.setup.LeanHistory;
import org.rightsflow.process.setup.ParsedOnceFeelEngine;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * docs/lifecycle.md end to end for ACCESS, through the public API on PostgreSQL with the job executor running: filed,
 * acknowledged, verified with the code read from the received email, triaged, fulfilled by the real report builder,
 * downloaded through the emailed link, and closed with a result email.
 */
class AccessRequestLifecycleTest extends PostgresIntegrationTest {

    private static final String LI_LEI = "li.lei@example.com";

    @LocalServerPort
    int port;
    @Autowired
    HistoryService history;
    @Autowired
    AuditVerifier auditVerifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine processEngine;

    @Test
    void accessRequestRunsFromFilingToDownloadedReport() {
        assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getDmnEngineConfiguration().getFeelEngine())
                .as("the triage is evaluated by the application's FEEL engine").isInstanceOf(ParsedOnceFeelEngine.class);
        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());

        Api.Response filed = api.post("/api/requests",
                Api.json(Map.of("type", "ACCESS", "accountEmail", "Li.Lei@Example.com ", "language", "en")));
        assertThat(filed.status()).isEqualTo(201);
        String reference = filed.json().get("reference").asText();
        String token = filed.json().get("statusToken").asText();
        assertThat(reference).matches("RR-\\d{8}-\\d{4}");
        assertThat(filed.json().get("status").asText()).isEqualTo("RECEIVED");

        Mailbox.Mail acknowledgement = mailbox.awaitOne(LI_LEI, "ACKNOWLEDGEMENT", reference);
        assertThat(acknowledgement.body()).contains("We will answer by");
        Mailbox.Mail codeMail = mailbox.awaitOne(LI_LEI, "VERIFICATION_CODE", reference);
        assertThat(codeMail.body()).contains("If you did not make this request");
        String code = Mailbox.codeIn(codeMail);

        String wrong = code.equals("000000") ? "111111" : "000000";
        Api.Response wrongAnswer = api.post("/api/requests/" + reference + "/verification",
                Api.json(Map.of("code", wrong)), "X-Status-Token", token);
        assertThat(wrongAnswer.status()).isEqualTo(422);
        assertThat(wrongAnswer.contentType()).startsWith("application/problem+json");
        assertThat(wrongAnswer.json().get("attemptsLeft").asInt()).isEqualTo(4);

        Api.Response verified = api.post("/api/requests/" + reference + "/verification",
                Api.json(Map.of("code", code)), "X-Status-Token", token);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("status").asText()).isEqualTo("IN_REVIEW");

        await().atMost(Duration.ofSeconds(60)).until(() ->
                "COMPLETED".equals(status(api, reference, token).get("status").asText()));
        JsonNode finalStatus = status(api, reference, token);
        assertThat(finalStatus.get("outcome").asText()).isEqualTo("COMPLETED");
        List<String> statuses = finalStatus.get("history").findValuesAsText("status");
        assertThat(statuses).containsExactly("RECEIVED", "AWAITING_VERIFICATION", "IN_REVIEW", "IN_PROGRESS", "COMPLETED");

        Mailbox.Mail ready = mailbox.awaitOne(LI_LEI, "DOWNLOAD_READY", reference);
        // the link's expiry waits in its timer job, at the download's expiry, without a stored copy of the date
        assertThat(jdbc.queryForObject("select j.duedate_ from act_ru_job j join act_ru_execution e"
                + " on e.id_ = j.process_instance_id_ where e.business_key_ = ? and j.process_def_key_ = 'DownloadExpiryProcess'",
                java.sql.Timestamp.class, reference).getTime()).isEqualTo(jdbc.queryForObject("select d.expires_at from download d"
                + " join rights_request r on r.id = d.request_id where r.reference = ?", java.sql.Timestamp.class, reference)
                .getTime());
        assertThat(jdbc.queryForObject("select count(*) from act_ru_variable v join act_ru_execution e"
                + " on e.id_ = v.proc_inst_id_ where e.business_key_ = ? and v.name_ = 'expiresAt'", Long.class, reference))
                .isZero();
        String link = Mailbox.linkIn(ready);
        String path = link.substring(link.indexOf("/api/downloads/"));
        Api.Response report = api.get(path);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/html");
        assertThat(report.text()).contains(reference);
        assertThat(report.text()).doesNotContain("+8613800000001");
        assertThat(api.get(path).status()).isEqualTo(200);
        assertThat(api.get(path).status()).isEqualTo(200);
        assertThat(api.get(path).status()).as("a link works three times").isEqualTo(410);
        assertThat(api.get("/api/downloads/not-a-real-token").status()).isEqualTo(404);

        Mailbox.Mail result = mailbox.awaitOne(LI_LEI, "RESULT_COMPLETED", reference);
        assertThat(result.subject()).contains(reference);
        assertThat(mailbox.of(LI_LEI, "ACKNOWLEDGEMENT", reference)).as("each notice exactly once").hasSize(1);
        assertThat(mailbox.of(LI_LEI, "VERIFICATION_CODE", reference)).hasSize(1);

        String processInstanceId = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey("RightsRequestProcess").singleResult().getId();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId("EndEvent_Completed").count()).isEqualTo(1);
        // the lean history (docs/history.md): the path stays, every variable's last value too but the copies of the
        // request's row; the job log of jobs that succeeded and the bookkeeping variables' updates are not written
        assertThat(jdbc.queryForObject("select count(*) from act_hi_job_log where root_proc_inst_id_ = ?", Long.class,
                processInstanceId)).isZero();
        assertThat(jdbc.queryForList("select distinct name_ from act_hi_detail where root_proc_inst_id_ = ?",
                String.class, processInstanceId)).doesNotContain(VariableNames.REQUEST_ID, VariableNames.DUE_DATE)
                .allMatch(LeanHistory.DETAILED_VARIABLES::contains);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list())
                .extracting(HistoricVariableInstance::getName).contains(VariableNames.OUTCOME)
                .doesNotContainAnyElementsOf(LeanHistory.UNRECORDED_VARIABLES);
        assertThat(jdbc.queryForObject("select count(*) from act_hi_varinst where root_proc_inst_id_ = ? and name_ in"
                + " ('requestId', 'reference', 'requestType', 'dueDate', 'reminderDate')", Long.class, processInstanceId))
                .as("nor in the sub-processes it called").isZero();
        // nor variables that no one reads on this path: the refusal's grounds and explanation it never had, the flag of
        // a provisional due date it never had, the report's id, the step ids and how the fulfilment started, read in
        // the job that set them, and
        // the worker's or a data operator's variables of the systems' steps done through their connectors
        assertThat(jdbc.queryForList("select distinct name_ from act_hi_varinst where root_proc_inst_id_ = ?",
                String.class, processInstanceId)).doesNotContain(VariableNames.RESULT_GROUNDS,
                VariableNames.RESULT_EXPLANATION, VariableNames.DUE_DATE_PROVISIONAL, VariableNames.DOWNLOAD_ID,
                "systemSteps", "stepExecution", "topic", "timeLimit", "stepInstructions",
                VariableNames.FULFILMENT_START, VariableNames.FULFILMENT_PROCESS);
        // the path keeps the sub-processes, tasks, waits and end events; gateways and none start events are not written,
        // and the process instance still names the start event it began at
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).list())
                .extracting(HistoricActivityInstance::getActivityId)
                .contains("SubProcess_Handle", "Task_SendVerificationCodes", "ReceiveTask_AwaitVerification",
                        "IntermediateThrowEvent_IdentityVerified", "EndEvent_Completed")
                .doesNotContain("StartEvent_RequestReceived", "StartEvent_Handle", "Gateway_VerificationRoute");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).list())
                .extracting(HistoricActivityInstance::getActivityType)
                .doesNotContainAnyElementsOf(LeanHistory.UNRECORDED_ACTIVITY_TYPES);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getStartActivityId()).isEqualTo("StartEvent_RequestReceived");

        // Li Lei's own data; every account's is searched for at the end of the suite (PersonalDataAfterTheSuiteTest)
        List<String> personalData = PersonalDataScan.personalDataOf(jdbc, LI_LEI);
        assertThat(personalData).contains(LI_LEI, "+8613800000001");
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, List.of(reference)))
                .as("the scan finds what is there: the reference is the business key").isNotEmpty();
        assertThat(PersonalDataScan.engineTablesContaining(jdbc, personalData))
                .as("the engine's variables and history hold no personal data").isEmpty();

        assertThat(auditVerifier.verify().intact()).isTrue();
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForList("select action from audit_entry where reference = ? order by seq", String.class, reference))
                .contains("REQUEST_FILED", "VERIFICATION_CODE_SENT", "VERIFICATION_FAILED", "IDENTITY_VERIFIED",
                        "FULFILMENT_STARTED", "ACCESS_REPORT_BUILT", "DOWNLOAD_PUBLISHED", "DOWNLOADED",
                        "REQUEST_COMPLETED");
        // The code does not outlive its delivery in clear text.
        assertThat(jdbc.queryForObject("select body from notice_outbox where kind = 'VERIFICATION_CODE' and request_id = "
                + "(select id from rights_request where reference = ?)", String.class, reference)).doesNotContain(code);
    }

    private static JsonNode status(Api api, String reference, String token) {
        Api.Response response = api.get("/api/requests/" + reference, "X-Status-Token", token);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
