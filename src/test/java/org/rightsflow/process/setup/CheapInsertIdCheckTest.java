package org.rightsflow.process.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CheapInsertIdCheck}: on an engine of its own with the plugin, every command's entity manager is the cheap
 * one, a process still runs and writes its rows, and an id that is missing or the reserved * is still refused with the engine's own
 * message, while a valid one is inserted without its {@code toString()} being built.
 */
class CheapInsertIdCheckTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void anEngineWithThePlugin() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("cheap-insert-id-check");
        configuration.setJdbcUrl("jdbc:h2:mem:cheap-insert-id-check;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setProcessEnginePlugins(List.of(new CheapInsertIdCheck()));
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static <T> T inCommand(org.camunda.bpm.engine.impl.interceptor.Command<T> command) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command);
    }

    @Test
    void everyCommandGetsTheCheapEntityManager() {
        Class<?> manager = inCommand(context -> context.getDbEntityManager().getClass());
        assertThat(manager).isEqualTo(CheapInsertIdCheck.CheapIdCheckEntityManager.class);
    }

    @Test
    void aProcessStillRunsAndWritesItsRuntimeAndHistoryRows() {
        engine.getRepositoryService().createDeployment()
                .addModelInstance("probe.bpmn", Bpmn.createExecutableProcess("IdCheckProbe").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Wait").endEvent().done())
                .deploy();
        String id = engine.getRuntimeService().startProcessInstanceByKey("IdCheckProbe",
                Variables.createVariables().putValue("probe", 42)).getId();
        assertThat(engine.getRuntimeService().getVariable(id, "probe")).isEqualTo(42);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).count())
                .isEqualTo(2);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id).singleResult()
                .getValue()).isEqualTo(42);
    }

    @Test
    void anEntityWithoutAnIdIsRefusedWithTheEnginesMessage() {
        // insert() gives an entity without an id one first; the check itself must still refuse a missing id
        ExecutionEntity noId = new ExecutionEntity();
        noId.setId(null);
        assertThatThrownBy(() -> new CheapInsertIdCheck.CheapIdCheckEntityManager(null, null).validateId(noId))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("has an invalid id: id is null");
    }

    @Test
    void theReservedIdIsRefusedWithTheEnginesMessage() {
        assertThatThrownBy(() -> inCommand(context -> {
            ExecutionEntity execution = new ExecutionEntity();
            execution.setId("*");
            context.getDbEntityManager().insert(execution);
            return null;
        })).isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot be *");
    }

    @Test
    void aValidIdDoesNotBuildTheEntitysText() {
        ExecutionEntity noText = new ExecutionEntity() {
            @Override
            public String toString() {
                throw new AssertionError("the entity's text was built for a valid id");
            }
        };
        noText.setId("valid-id");
        new CheapInsertIdCheck.CheapIdCheckEntityManager(null, null).validateId(noText);
    }
}
