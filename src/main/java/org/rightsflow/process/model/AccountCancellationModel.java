package org.rightsflow.process.model;

import org.rightsflow.request.RequestOutcome;

/**
 * Ids of {@code processes/account-cancellation.bpmn}, called by {@code CallActivity_Fulfil} for CANCEL_ACCOUNT.
 * In: requestId, reference, requestType, dueDate, resultGrounds, resultExplanation (business key = reference).
 * Out: outcome (COMPLETED; REFUSED when still blocked at the deadline and a legal reviewer approved the officer's
 * refusal; WITHDRAWN on revocation, when the main process is interrupted by the withdrawal in the same transaction),
 * resultGrounds, resultExplanation.
 */
public final class AccountCancellationModel {

    public static final String PROCESS_ID = "AccountCancellationProcess";
    public static final String RESOURCE = "processes/account-cancellation.bpmn";

    public static final String MSG_BLOCKERS_CLEARED = "Msg_BlockersCleared";
    public static final String MSG_CANCELLATION_REVOKED = "Msg_CancellationRevoked";

    /** Boolean, written by {@link #BEAN_CHECK_BLOCKERS}. */
    public static final String BLOCKED = "blocked";
    /** Date, written by {@link #BEAN_CHECK_BLOCKERS}: the stricter of the due date and 15 working days. */
    public static final String CANCELLATION_DEADLINE = "cancellationDeadline";
    /** Date, written by {@link #BEAN_CHECK_BLOCKERS}: the end of the wait for blockers. */
    public static final String BLOCKERS_DEADLINE = "blockersDeadline";
    /** Date, written by {@link #BEAN_START_COOLING_OFF}. */
    public static final String COOLING_OFF_ENDS = "coolingOffEnds";
    /** The outcome of a revoked cancellation (the request is withdrawn). */
    public static final String OUTCOME_WITHDRAWN = RequestOutcome.WITHDRAWN.name();

    public static final String BEAN_CHECK_BLOCKERS = "checkBlockers";
    public static final String BEAN_NOTIFY_BLOCKERS = "notifyBlockers";
    /** After an approved refusal: records the closure and writes outcome REFUSED (grounds and explanation are the proposal's). */
    public static final String BEAN_CLOSE_BLOCKED = "closeBlockedCancellation";
    /**
     * Task listener of {@link #TASK_DECIDE_BLOCKED_CANCELLATION}: on create, what is still open (counts) for the form;
     * on complete, PROCEED is recorded, REFUSE is stored as the officer's refusal proposal.
     */
    public static final String BEAN_BLOCKED_CANCELLATION_LISTENER = "blockedCancellationListener";
    public static final String FORM_BLOCKED_CANCELLATION = "Form_BlockedCancellation";
    public static final String GROUP_PRIVACY_OFFICERS = StaffGroups.PRIVACY_OFFICERS;

    /** PROCEED or REFUSE, copied from the form's decision by {@link #BEAN_BLOCKED_CANCELLATION_LISTENER}. */
    public static final String BLOCKED_DECISION = "blockedDecision";
    public static final String PROCEED = "PROCEED";
    public static final String REFUSE = "REFUSE";
    /** Task-local, for the form: what is still open (kinds and counts, no amounts). */
    public static final String OPEN_BLOCKERS = "openBlockers";
    public static final String BEAN_START_COOLING_OFF = "startCoolingOff";
    public static final String BEAN_DEACTIVATE_ACCOUNT = "deactivateAccount";
    /** Writes outcome COMPLETED. */
    public static final String BEAN_SEND_CANCELLATION_CERTIFICATE = "sendCancellationCertificate";

    public static final String START_EVENT = "StartEvent_CancellationRequested";
    public static final String TASK_CHECK_BLOCKERS = "Task_CheckBlockers";
    public static final String GATEWAY_BLOCKED = "Gateway_Blocked";
    public static final String TASK_NOTIFY_BLOCKERS = "Task_NotifyBlockers";
    public static final String GATEWAY_AWAIT_BLOCKERS = "Gateway_AwaitBlockers";
    public static final String EVENT_BLOCKERS_CLEARED = "Event_BlockersCleared";
    public static final String TIMER_EVENT_DAILY_RECHECK = "TimerEvent_DailyRecheck";
    public static final String TIMER_EVENT_BLOCKERS_DEADLINE = "TimerEvent_BlockersDeadline";
    /** Still blocked at the end of the wait: a privacy officer decides (never refused by the product itself). */
    public static final String TASK_DECIDE_BLOCKED_CANCELLATION = "Task_DecideBlockedCancellation";
    /** Msg_BlockersCleared while the officer decides: back to the check. */
    public static final String BOUNDARY_EVENT_BLOCKERS_CLEARED_DURING_DECISION = "BoundaryEvent_BlockersClearedDuringDecision";
    public static final String GATEWAY_BLOCKED_DECISION = "Gateway_BlockedDecision";
    /** REFUSE: the proposal goes to RefusalApprovalProcess (a second person). */
    public static final String CALL_ACTIVITY_APPROVE_REFUSAL = "CallActivity_ApproveRefusal";
    public static final String GATEWAY_REFUSAL_APPROVED = "Gateway_RefusalApproved";
    public static final String TASK_CLOSE_BLOCKED = "Task_CloseBlocked";
    public static final String END_EVENT_CLOSED_BLOCKED = "EndEvent_ClosedBlocked";
    public static final String TASK_START_COOLING_OFF = "Task_StartCoolingOff";
    public static final String GATEWAY_AWAIT_REVOCATION = "Gateway_AwaitRevocation";
    public static final String EVENT_CANCELLATION_REVOKED = "Event_CancellationRevoked";
    public static final String END_EVENT_REVOKED = "EndEvent_Revoked";
    public static final String TIMER_EVENT_COOLING_OFF_ENDS = "TimerEvent_CoolingOffEnds";
    public static final String TASK_DEACTIVATE_ACCOUNT = "Task_DeactivateAccount";
    public static final String CALL_ACTIVITY_ERASE_ALL = "CallActivity_EraseAll";
    public static final String TASK_SEND_CANCELLATION_CERTIFICATE = "Task_SendCancellationCertificate";
    public static final String END_EVENT_CANCELLED = "EndEvent_Cancelled";

    private AccountCancellationModel() {
    }
}
