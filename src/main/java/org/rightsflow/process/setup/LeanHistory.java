package org.rightsflow.process.setup;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.rightsflow.process.model.VariableNames;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * History that keeps what auditors and the product read and drops what no one reads (docs/operations.md, "Engine
 * history: what is kept"). The engine runs at history level {@code full} and produces every event; this handler,
 * which replaces the engine's database handler, writes all of them except:
 * <ul>
 *   <li>the job log of jobs that did not fail: creation, success and deletion entries (two to three rows per job, the
 *       largest part of the history after the activities). Failures are kept with their stack traces, and so are
 *       incidents;</li>
 *   <li>the variable-update details of every variable but the decisions staff submit in the forms
 *       ({@link #DETAILED_VARIABLES}): the bookkeeping variables (ids, flags, dates of timers, task cards, loop
 *       counters) keep their last value in the historic variable instances, not one detail row per change; the due
 *       date's changes are the request's deadline events in the application's tables and audit trail;</li>
 *   <li>form-field entries: copies of the submitted variables; a staff start form's copy would even hold what staff
 *       typed (which the forms' processes delete from the history);</li>
 *   <li>the activity instances of gateways and of none start events ({@link #UNRECORDED_ACTIVITY_TYPES}): a gateway
 *       takes no time and decides nothing the next activity on the path does not show, and a none start event starts
 *       when its scope does (the process instance, which keeps the start event's id, or the embedded sub-process's own
 *       activity instance). Four of a waiting request's nine activity instances (BENCHMARKS.md, figure 6).</li>
 * </ul>
 * The history level stays {@code full} in the database: turning this off ({@code rightsflow.history.lean=false})
 * writes the whole history again, without any migration.
 */
@Component
@ConditionalOnProperty(name = "rightsflow.history.lean", havingValue = "true", matchIfMissing = true)
public class LeanHistory extends AbstractProcessEnginePlugin {

    /**
     * Variables whose every change stays in the history (with the activity that made it): the decision forms' fields
     * (the timeline and the evidence pack show what was submitted at each task), the decisions the listeners copy
     * from them, and the results the requester is told.
     */
    public static final Set<String> DETAILED_VARIABLES;

    static {
        Set<String> detailed = new HashSet<>(VariableNames.DECISION_FORM_FIELDS);
        detailed.addAll(Set.of(VariableNames.VERIFICATION_DECISION, VariableNames.REVIEW_DECISION, VariableNames.REVIEW_PROPOSER,
                VariableNames.APPROVAL_DECISION, VariableNames.APPROVAL_COMMENT, VariableNames.PROPOSED_GROUNDS,
                VariableNames.PROPOSED_EXPLANATION, VariableNames.RESULT_GROUNDS, VariableNames.RESULT_EXPLANATION,
                VariableNames.CONFIRMED_REQUESTS));
        DETAILED_VARIABLES = Set.copyOf(detailed);
    }

    /**
     * Activity types whose activity instances are not written: every gateway and the none start event (typed start
     * events, the event sub-processes' timers and messages, stay: they say what happened).
     */
    public static final Set<String> UNRECORDED_ACTIVITY_TYPES = Set.of(ActivityTypes.GATEWAY_EXCLUSIVE,
            ActivityTypes.GATEWAY_INCLUSIVE, ActivityTypes.GATEWAY_PARALLEL, ActivityTypes.GATEWAY_COMPLEX,
            ActivityTypes.GATEWAY_EVENT_BASED, ActivityTypes.START_EVENT);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new LeanHistoryEventHandler());
    }

    /** The engine's own database handler, told what not to write. */
    static final class LeanHistoryEventHandler extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricJobLogEvent jobLog && !jobLog.isFailureLog()) {
                return;
            }
            if (event instanceof HistoricFormPropertyEventEntity) {
                return;
            }
            // start, update, end and migration of the same activity instance alike: none of them finds a row to update
            if (event instanceof HistoricActivityInstanceEventEntity activity
                    && UNRECORDED_ACTIVITY_TYPES.contains(activity.getActivityType())) {
                return;
            }
            super.handleEvent(event);
        }

        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return DETAILED_VARIABLES.contains(event.getVariableName()) && super.shouldWriteHistoricDetail(event);
        }
    }
}
