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
 *   <li>the historic variable instances, too, of the copies of the request's own row that the filing hands the
 *       process ({@link #UNRECORDED_VARIABLES}: its id, reference, right, due date and reminder date): the request's
 *       row and its deadline events keep them, the process instance keeps the reference as its business key, and no
 *       reader of the history asks the engine for them. They were all five historic variable instances of a request
 *       waiting for verification, about 3 KiB (BENCHMARKS.md, figure 6);</li>
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
     * Variables whose historic variable instance is not written at all (neither its creation nor its updates, nor its
     * deletion when the instance ends): copies of the request's row, which the process reads at run time only (the
     * delegates' request id, the timers' dates, the call activities' inputs, Tasklist's reference column and the
     * staff digest read the runtime variables). The timeline and evidence pack read the history's decision details
     * ({@link #DETAILED_VARIABLES}, none of these), the process instances and the path; the deadline's changes are the
     * request's deadline events. A sub-process or run given a variable of one of these names is treated alike.
     */
    public static final Set<String> UNRECORDED_VARIABLES = Set.of(VariableNames.REQUEST_ID, VariableNames.REFERENCE,
            VariableNames.REQUEST_TYPE, VariableNames.DUE_DATE, VariableNames.REMINDER_DATE);

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
            // creation, update, migration and deletion alike: the engine's handler inserts the row on an update that
            // finds none (a fix for instances from before 7.0), so skipping the creation alone would not do
            if (event instanceof HistoricVariableUpdateEventEntity variable
                    && UNRECORDED_VARIABLES.contains(variable.getVariableName())) {
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
