package org.rightsflow.process.setup;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a signed-in user's engine commands plan each statement with its actual parameters
 * ({@code set local plan_cache_mode = force_custom_plan}, for the command's transaction only). Those are the commands
 * whose queries carry the engine's authorization checks ({@code PERMS_ & ? = ?}): a cached generic plan cannot use
 * the statistics on those bits (Flyway V9) and falls back to a guess that once made a Tasklist count run for minutes
 * at 50,000 open tasks (BENCHMARKS.md, figure 5).
 *
 * <p>Everything else (filings, verifications, the job executor, the application's own SQL) keeps PostgreSQL's
 * default: a statement prepared on a connection is planned a few times with its parameters and then reuses a generic
 * plan when that is no worse. Until 2026-12-08 every connection planned every statement each time, and so did the
 * foreign-key checks PostgreSQL runs inside each insert and delete of the engine's rows (eleven per deleted
 * execution): about a millisecond and a half per deleted execution and a large share of the database's CPU per
 * request (BENCHMARKS.md, figure 2).
 */
@Component
public class SignedInQueryPlans extends AbstractProcessEnginePlugin {

    static final String CUSTOM_PLANS = "set local plan_cache_mode = force_custom_plan";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new CustomPlansForSignedInUsers());
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
        List<CommandInterceptor> requiresNew = configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequiresNew());
        requiresNew.add(new CustomPlansForSignedInUsers());
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(requiresNew);
    }

    /** Runs inside the command's context and transaction (a post interceptor): SET LOCAL lasts until its commit. */
    static final class CustomPlansForSignedInUsers extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            if (context != null && context.getAuthentication() != null
                    && "postgres".equals(Context.getProcessEngineConfiguration().getDatabaseType())) {
                try (Statement statement = context.getDbSqlSession().getSqlSession().getConnection().createStatement()) {
                    statement.execute(CUSTOM_PLANS);
                } catch (SQLException e) {
                    throw new ProcessEngineException("could not plan a signed-in user's queries with their parameters", e);
                }
            }
            return next.execute(command);
        }
    }
}
