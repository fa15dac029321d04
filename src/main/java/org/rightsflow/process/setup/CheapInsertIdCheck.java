package org.rightsflow.process.setup;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * The engine checks the id of every row it inserts with a message built before the check: {@code "Entity " + entity
 * + " has an invalid id"}, the entity's whole {@code toString()} (a historic activity instance's or variable's is a dozen
 * fields), for each of the thousand-odd rows an ACCESS request writes. That string was 2.3 % of the CPU samples of the
 * request's life cycle (BENCHMARKS.md, figure 2) and is never read when the id is valid, which it always is (the
 * engine sets it just before). This entity manager checks the id first and builds the same message, through the
 * engine's own check, only when the id is missing or the reserved {@code *}: the same exception with the same text.
 */
@Component
public class CheapInsertIdCheck extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // a custom factory of the same session type replaces the engine's own (ProcessEngineConfigurationImpl
        // adds the custom factories after its defaults); the id generator is the engine's, set in its init
        factories.add(new DbEntityManagerFactory(null) {
            @Override
            public DbEntityManager openSession() {
                PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
                return new CheapIdCheckEntityManager(configuration.getIdGenerator(), persistence);
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    static final class CheapIdCheckEntityManager extends DbEntityManager {

        CheapIdCheckEntityManager(IdGenerator idGenerator, PersistenceSession persistenceSession) {
            super(idGenerator, persistenceSession);
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || Authorization.ANY.equals(id)) {
                super.validateId(entity); // throws the engine's own exception and message
            }
        }
    }
}
