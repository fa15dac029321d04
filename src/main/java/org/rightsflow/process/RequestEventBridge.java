package org.rightsflow.process;

import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.rightsflow.deadline.DeadlineChanged;
import org.rightsflow.deadline.DeadlineEventKind;
import org.rightsflow.fulfilment.download.DownloadPublished;
import org.rightsflow.identity.IdentityVerified;
import org.rightsflow.identity.ManualVerificationCases;
import org.rightsflow.identity.ManualVerificationHandedOver;
import org.rightsflow.identity.ManualVerificationJoined;
import org.rightsflow.identity.ManualVerificationRoute;
import org.rightsflow.identity.StaffVerificationDecided;
import org.rightsflow.identity.VerificationLocked;
import org.rightsflow.process.model.DownloadExpiryModel;
import org.rightsflow.process.model.RightsRequestModel;
import org.rightsflow.process.model.VariableNames;
import org.rightsflow.request.ClarificationRequested;
import org.rightsflow.request.RequestFiled;
import org.rightsflow.request.RequestWithdrawn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into engine calls, inside the transaction that published them: a request row and its
 * process instance commit together or not at all. The domain never sees the engine. A concurrent change of the
 * same instance (a job running right now) surfaces as Spring's ConcurrencyFailureException ({@link EngineChanges}),
 * which the web layer retries.
 */
@Component
public class RequestEventBridge {

    private final RuntimeService runtime;
    private final ManualVerificationTasks manualVerificationTasks;
    private final ManualVerificationCases manualVerificationCases;

    public RequestEventBridge(RuntimeService runtime, ManualVerificationTasks manualVerificationTasks,
                              ManualVerificationCases manualVerificationCases) {
        this.runtime = runtime;
        this.manualVerificationTasks = manualVerificationTasks;
        this.manualVerificationCases = manualVerificationCases;
    }

    /**
     * Starts the request's process, which runs in this (the filing's) transaction up to the verification wait:
     * acknowledgement and codes are in the outbox when the requester gets the answer.
     */
    @EventListener
    public void on(RequestFiled filed) {
        VariableMap variables = Variables.createVariables()
                .putValue(VariableNames.REQUEST_ID, filed.requestId())
                .putValue(VariableNames.REQUEST_TYPE, filed.type().name())
                .putValue(VariableNames.DUE_DATE, Date.from(filed.dueAt()))
                .putValue(VariableNames.REMINDER_DATE, Date.from(filed.reminderAt()));
        // Only what the model reads, and the two flags only where they are true (Gateway_VerificationRoute reads a missing
        // flag as false; Tasklist's filter asks for a provisional due date equal to true): each variable is a runtime and
        // a history row, with their indexes, for as long as the request waits (BENCHMARKS.md, figure 6). The
        // verification level is the request's, read from its row; the reference is the business key (the call
        // activities hand it to the called processes as their variable, TaskCardListener to the request's own tasks).
        if (filed.dueDateProvisional()) {
            variables.putValue(VariableNames.DUE_DATE_PROVISIONAL, true);
        }
        if (filed.manualVerificationRequired()) {
            // decided in the domain (VerificationLevelPolicy); codes, never personal data
            variables.putValue(VariableNames.MANUAL_VERIFICATION_REQUIRED, true)
                    .putValue(VariableNames.MANUAL_VERIFICATION_REASON, filed.manualVerificationReason());
        }
        runtime.startProcessInstanceByKey(RightsRequestModel.PROCESS_ID, filed.reference(), variables);
    }

    @EventListener
    public void on(IdentityVerified verified) {
        correlate(RightsRequestModel.MSG_IDENTITY_VERIFIED, verified.reference());
    }

    @EventListener
    public void on(VerificationLocked locked) {
        EngineChanges.ofRequest(locked.reference(), () -> {
            var correlation = runtime.createMessageCorrelation(RightsRequestModel.MSG_VERIFICATION_LOCKED)
                    .processInstanceBusinessKey(locked.reference())
                    .setVariable(VariableNames.MANUAL_VERIFICATION_REASON,
                            locked.reason().name())
                    .setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE, locked.route().name());
            if (locked.route() == ManualVerificationRoute.DEFER) {
                correlation.setVariable(VariableNames.MANUAL_VERIFICATION_ROUTED_AGAIN_AT,
                        Date.from(manualVerificationCases.nextDay()));
            }
            correlation.correlate();
        });
    }

    /**
     * A pause is a clarification asked of the requester: it starts SubProcess_AwaitClarification, whose timer closes
     * the request at the date the requester's notice names. Correlated to all, and to none without complaint: a request
     * filed before the model had the event sub-process waits for no such message.
     */
    @EventListener
    public void on(ClarificationRequested requested) {
        EngineChanges.ofRequest(requested.reference(), () -> {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_CLARIFICATION_REQUESTED)
                    .processInstanceBusinessKey(requested.reference())
                    .setVariable(VariableNames.CLARIFICATION_ANSWER_BY,
                            Date.from(requested.answerBy()))
                    .correlateAll();
        });
    }

    /** The clock runs again (an answer, or staff): the wait for the clarification ends, a waiting fulfilment goes on. */
    @EventListener
    public void on(DeadlineChanged changed) {
        if (changed.kind() != DeadlineEventKind.RESUMED) {
            return;
        }
        EngineChanges.ofRequest(changed.reference(), () -> {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_CLOCK_RESUMED)
                    .processInstanceBusinessKey(changed.reference()).correlateAll();
        });
    }

    /** A request that joined its account's manual verification gets that verification's decision. */
    @EventListener
    public void on(StaffVerificationDecided decided) {
        EngineChanges.ofRequest(decided.reference(), () -> {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_STAFF_VERIFICATION_DECIDED)
                    .processInstanceBusinessKey(decided.reference())
                    .setVariable(VariableNames.VERIFICATION_DECISION,
                            decided.verified() ? "VERIFIED" : "NOT_VERIFIED")
                    .correlate();
        });
    }

    /** The request whose task a joined request waited on was withdrawn: the joined one takes the task. */
    @EventListener
    public void on(ManualVerificationHandedOver handedOver) {
        EngineChanges.ofRequest(handedOver.reference(), () -> {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_MANUAL_VERIFICATION_HANDED_OVER)
                    .processInstanceBusinessKey(handedOver.reference())
                    .setVariable(VariableNames.MANUAL_VERIFICATION_ROUTE,
                            ManualVerificationRoute.TASK.name())
                    .correlate();
        });
    }

    /** A request joined an open manual verification: its task lists it from now on. */
    @EventListener
    public void on(ManualVerificationJoined joined) {
        manualVerificationTasks.refresh(joined.leadReference(), joined.leadRequestId());
    }

    @EventListener
    public void on(RequestWithdrawn withdrawn) {
        correlate(RightsRequestModel.MSG_REQUEST_WITHDRAWN, withdrawn.reference());
    }

    @EventListener
    public void on(DownloadPublished published) {
        EngineChanges.ofRequest(published.reference(), () -> {
            runtime.createMessageCorrelation(DownloadExpiryModel.MSG_DOWNLOAD_PUBLISHED)
                    .processInstanceBusinessKey(published.reference())
                    .setVariable(VariableNames.DOWNLOAD_ID, published.downloadId())
                    // transient: the link's timer reads it as the instance starts, in this transaction; its job
                    // keeps the date (a stored copy was a runtime row and a historic one that no one read)
                    .setVariable(VariableNames.EXPIRES_AT, Variables.dateValue(Date.from(published.expiresAt()), true))
                    .correlateStartMessage();
        });
    }

    private void correlate(String message, String reference) {
        EngineChanges.ofRequest(reference, () -> {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(reference)
                    .correlate();
        });
    }
}
