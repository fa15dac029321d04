package org.rightsflow.process;

import java.util.Date;
import org.camunda.bpm.engine.OptimisticLockingException;
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
import org.rightsflow.request.ClarificationRequested;
import org.rightsflow.request.RequestFiled;
import org.rightsflow.request.RequestWithdrawn;
import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into engine calls, inside the transaction that published them: a request row and its
 * process instance commit together or not at all. The domain never sees the engine. A concurrent change of the
 * same instance (a job running right now) surfaces as Spring's {@link ConcurrencyFailureException}, which the
 * web layer retries.
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
                .putValue(org.rightsflow.process.model.VariableNames.REQUEST_ID, filed.requestId())
                .putValue(org.rightsflow.process.model.VariableNames.REFERENCE, filed.reference())
                .putValue(org.rightsflow.process.model.VariableNames.REQUEST_TYPE, filed.type().name())
                .putValue(org.rightsflow.process.model.VariableNames.VERIFICATION_LEVEL, filed.verificationLevel())
                .putValue(org.rightsflow.process.model.VariableNames.DUE_DATE, Date.from(filed.dueAt()))
                .putValue(org.rightsflow.process.model.VariableNames.REMINDER_DATE, Date.from(filed.reminderAt()))
                .putValue(org.rightsflow.process.model.VariableNames.DUE_DATE_PROVISIONAL, filed.dueDateProvisional())
                // decided in the domain (VerificationLevelPolicy); a code, never personal data
                .putValue(org.rightsflow.process.model.VariableNames.MANUAL_VERIFICATION_REQUIRED, filed.manualVerificationRequired());
        if (filed.manualVerificationRequired()) {
            // only where there is a reason: every variable costs three rows with full history (BENCHMARKS.md)
            variables.putValue(org.rightsflow.process.model.VariableNames.MANUAL_VERIFICATION_REASON, filed.manualVerificationReason());
        }
        runtime.startProcessInstanceByKey(RightsRequestModel.PROCESS_ID, filed.reference(), variables);
    }

    @EventListener
    public void on(IdentityVerified verified) {
        correlate(RightsRequestModel.MSG_IDENTITY_VERIFIED, verified.reference());
    }

    @EventListener
    public void on(VerificationLocked locked) {
        try {
            var correlation = runtime.createMessageCorrelation(RightsRequestModel.MSG_VERIFICATION_LOCKED)
                    .processInstanceBusinessKey(locked.reference())
                    .setVariable(org.rightsflow.process.model.VariableNames.MANUAL_VERIFICATION_REASON,
                            locked.reason().name())
                    .setVariable(org.rightsflow.process.model.VariableNames.MANUAL_VERIFICATION_ROUTE, locked.route().name());
            if (locked.route() == ManualVerificationRoute.DEFER) {
                correlation.setVariable(org.rightsflow.process.model.VariableNames.MANUAL_VERIFICATION_ROUTED_AGAIN_AT,
                        Date.from(manualVerificationCases.nextDay()));
            }
            correlation.correlate();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + locked.reference(), e);
        }
    }

    /**
     * A pause is a clarification asked of the requester: it starts SubProcess_AwaitClarification, whose timer closes
     * the request at the date the requester's notice names. Correlated to all, and to none without complaint: a request
     * filed before the model had the event sub-process waits for no such message.
     */
    @EventListener
    public void on(ClarificationRequested requested) {
        try {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_CLARIFICATION_REQUESTED)
                    .processInstanceBusinessKey(requested.reference())
                    .setVariable(org.rightsflow.process.model.VariableNames.CLARIFICATION_ANSWER_BY,
                            Date.from(requested.answerBy()))
                    .correlateAll();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + requested.reference(), e);
        }
    }

    /** The clock runs again (an answer, or staff): the wait for the clarification ends, a waiting fulfilment goes on. */
    @EventListener
    public void on(DeadlineChanged changed) {
        if (changed.kind() != DeadlineEventKind.RESUMED) {
            return;
        }
        try {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_CLOCK_RESUMED)
                    .processInstanceBusinessKey(changed.reference()).correlateAll();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + changed.reference(), e);
        }
    }

    /** A request that joined its account's manual verification gets that verification's decision. */
    @EventListener
    public void on(StaffVerificationDecided decided) {
        try {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_STAFF_VERIFICATION_DECIDED)
                    .processInstanceBusinessKey(decided.reference())
                    .setVariable(org.rightsflow.process.model.VariableNames.VERIFICATION_DECISION,
                            decided.verified() ? "VERIFIED" : "NOT_VERIFIED")
                    .correlate();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + decided.reference(), e);
        }
    }

    /** The request whose task a joined request waited on was withdrawn: the joined one takes the task. */
    @EventListener
    public void on(ManualVerificationHandedOver handedOver) {
        try {
            runtime.createMessageCorrelation(RightsRequestModel.MSG_MANUAL_VERIFICATION_HANDED_OVER)
                    .processInstanceBusinessKey(handedOver.reference())
                    .setVariable(org.rightsflow.process.model.VariableNames.MANUAL_VERIFICATION_ROUTE,
                            ManualVerificationRoute.TASK.name())
                    .correlate();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + handedOver.reference(), e);
        }
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
        try {
            runtime.createMessageCorrelation(DownloadExpiryModel.MSG_DOWNLOAD_PUBLISHED)
                    .processInstanceBusinessKey(published.reference())
                    .setVariable(org.rightsflow.process.model.VariableNames.DOWNLOAD_ID, published.downloadId())
                    .setVariable(org.rightsflow.process.model.VariableNames.EXPIRES_AT, Date.from(published.expiresAt()))
                    .correlateStartMessage();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of the process", e);
        }
    }

    private void correlate(String message, String reference) {
        try {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(reference)
                    .correlate();
        } catch (OptimisticLockingException e) {
            throw new ConcurrencyFailureException("Concurrent change of request " + reference, e);
        }
    }
}
