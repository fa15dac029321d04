package org.rightsflow.process.model;


/**
 * Ids of {@code processes/rights-request.bpmn} (the request from receipt to result) and of the
 * decision {@code processes/exemption-triage.dmn} it evaluates.
 *
 * <p>Business key: the request reference. Messages are correlated with it:
 * {@code runtimeService.createMessageCorrelation(MSG_IDENTITY_VERIFIED).processInstanceBusinessKey(reference)}.
 *
 * <p>Where {@code outcome} comes from: the fulfilment call activities pass it out. Two paths set
 * it in the model, by the output mapping of an intermediate event, so no delegate has to:
 * <ul>
 *   <li>{@link #EVENT_REFUSAL_APPROVED}: an approved refusal ({@code approvalDecision = APPROVE}
 *       on {@code reviewDecision = REFUSE}) sets {@code outcome = REFUSED}.</li>
 *   <li>{@link #EVENT_PARTIALLY_COMPLETED}: after an approved PARTIAL refusal the fulfilment
 *       works within the approved scope and may report COMPLETED; {@link #GATEWAY_PARTLY_REFUSED}
 *       then sets {@code outcome = PARTIALLY_COMPLETED}, because the requester did not get
 *       everything asked for.</li>
 * </ul>
 * All paths meet at {@link #TASK_SEND_RESULT}, and {@link #GATEWAY_OUTCOME} picks the end event
 * from {@code outcome}; any other value stops the job with an incident rather than a wrong end.
 *
 * <p>The triage decision's result is mapped by the output mapping of
 * {@link #TASK_TRIAGE_EXEMPTIONS} ({@code decisionResult.getSingleResult()}) into the two
 * variables {@code reviewNeeded} (Boolean) and {@code suggestedGrounds} (String); no result
 * map is stored.
 */
public final class RightsRequestModel {

    public static final String PROCESS_ID = "RightsRequestProcess";
    public static final String RESOURCE = "processes/rights-request.bpmn";

    public static final String DECISION_EXEMPTION_TRIAGE = "exemption-triage";
    public static final String DECISION_RESOURCE = "processes/exemption-triage.dmn";

    // --- messages (correlated by business key = reference)
    /** Interrupts {@link #SUBPROCESS_HANDLE}; Java accepts a withdrawal only before fulfilment starts. */
    public static final String MSG_REQUEST_WITHDRAWN = "Msg_RequestWithdrawn";
    /** Completes {@link #RECEIVE_TASK_AWAIT_VERIFICATION} or {@link #RECEIVE_TASK_AWAIT_VERIFICATION_AFTER_THE_REMINDER}. */
    public static final String MSG_IDENTITY_VERIFIED = "Msg_IdentityVerified";
    /** Too many wrong codes: hands verification to intake staff. */
    public static final String MSG_VERIFICATION_LOCKED = "Msg_VerificationLocked";
    /** A privacy officer paused the clock for a clarification: starts {@link #SUBPROCESS_AWAIT_CLARIFICATION}. */
    public static final String MSG_CLARIFICATION_REQUESTED = "Msg_ClarificationRequested";
    /**
     * The clock runs again (the requester answered, or staff resumed it). Correlate to all: it completes
     * {@link #RECEIVE_TASK_AWAIT_CLARIFICATION} and, when fulfilment was waiting for it, {@link #EVENT_CLOCK_RESUMED}.
     */
    public static final String MSG_CLOCK_RESUMED = "Msg_ClockResumed";
    /** Completes {@link #RECEIVE_TASK_AWAIT_STAFF_DECISION}, with {@code verificationDecision}. */
    public static final String MSG_STAFF_VERIFICATION_DECIDED = "Msg_StaffVerificationDecided";
    /** {@link #BOUNDARY_EVENT_HANDED_OVER}: the request it waited on was withdrawn; this one takes the task. */
    public static final String MSG_MANUAL_VERIFICATION_HANDED_OVER = "Msg_ManualVerificationHandedOver";

    // --- errors
    /** Thrown when a clarification stayed unanswered for 30 days; caught by {@link #BOUNDARY_EVENT_CLOSED_UNANSWERED}. */
    public static final String ERROR_CLOSED_UNANSWERED = "Err_ClosedUnanswered";

    // --- candidate groups
    public static final String GROUP_PRIVACY_INTAKE = StaffGroups.INTAKE;

    // --- forms (camunda:formRef, binding deployment)
    public static final String FORM_MANUAL_IDENTITY_CHECK = "Form_ManualIdentityCheck";

    // --- delegates (Spring bean names, camunda:delegateExpression)
    public static final String BEAN_ACKNOWLEDGE_REQUEST = "acknowledgeRequest";
    public static final String BEAN_SEND_VERIFICATION_CODES = "sendVerificationCodes";
    public static final String BEAN_SEND_VERIFICATION_REMINDER = "sendVerificationReminder";
    public static final String BEAN_REQUEST_MANUAL_VERIFICATION = "requestManualVerification";
    public static final String BEAN_CLOSE_UNVERIFIED = "closeUnverified";
    public static final String BEAN_GATHER_TRIAGE_FACTS = "gatherTriageFacts";
    public static final String BEAN_START_FULFILMENT = "startFulfilment";
    /** CallActivity_Fulfil's mapping of the variables a request holds only sometimes (delegate.FulfilmentVariables). */
    public static final String BEAN_FULFILMENT_VARIABLES = "fulfilmentVariables";
    public static final String BEAN_SEND_RESULT = "sendResult";
    public static final String BEAN_REMIND_STAFF = "remindStaff";
    public static final String BEAN_ESCALATE_OVERDUE = "escalateOverdue";
    public static final String BEAN_CONFIRM_WITHDRAWAL = "confirmWithdrawal";
    public static final String BEAN_CLOSE_UNANSWERED = "closeUnanswered";
    // task listeners (event "complete")
    public static final String BEAN_MANUAL_VERIFICATION_LISTENER = "manualVerificationListener";

    // --- elements: process level
    public static final String START_EVENT_REQUEST_RECEIVED = "StartEvent_RequestReceived";
    public static final String SUBPROCESS_HANDLE = "SubProcess_Handle";
    public static final String END_EVENT_HANDLED = "EndEvent_Handled";
    public static final String BOUNDARY_EVENT_WITHDRAWN = "BoundaryEvent_Withdrawn";
    public static final String TASK_CONFIRM_WITHDRAWAL = "Task_ConfirmWithdrawal";
    public static final String END_EVENT_WITHDRAWN = "EndEvent_Withdrawn";
    public static final String BOUNDARY_EVENT_CLOSED_UNANSWERED = "BoundaryEvent_ClosedUnanswered";
    public static final String END_EVENT_CLOSED_UNANSWERED = "EndEvent_ClosedUnanswered";

    // --- elements: inside SubProcess_Handle
    public static final String START_EVENT_HANDLE = "StartEvent_Handle";
    public static final String TASK_ACKNOWLEDGE = "Task_Acknowledge";
    public static final String TASK_CLOSE_UNVERIFIED = "Task_CloseUnverified";
    public static final String END_EVENT_CLOSED_UNVERIFIED = "EndEvent_ClosedUnverified";
    public static final String TASK_GATHER_TRIAGE_FACTS = "Task_GatherTriageFacts";
    public static final String TASK_TRIAGE_EXEMPTIONS = "Task_TriageExemptions";
    public static final String GATEWAY_REVIEW_NEEDED = "Gateway_ReviewNeeded";
    public static final String GATEWAY_JOIN_REVIEW = "Gateway_JoinReview";
    /**
     * Calls {@link ExemptionReviewModel#PROCESS_ID}; its task is {@link ExemptionReviewModel#TASK_REVIEW_EXEMPTIONS},
     * in the called instance (same business key). Instances of the model's earlier version hold that user task
     * here, under the same id, with their per-task authorizations.
     */
    public static final String CALL_ACTIVITY_REVIEW_EXEMPTIONS = "CallActivity_ReviewExemptions";
    public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
    /** asyncBefore: after a review (PROCEED) or an approved partial refusal, the fulfilment starts in a job. */
    public static final String GATEWAY_JOIN_REVIEWED = "Gateway_JoinReviewed";
    /**
     * Calls {@link RefusalApprovalModel#PROCESS_ID} with the review's proposal (PARTIAL or REFUSE); its task is
     * {@link RefusalApprovalModel#TASK_APPROVE_REFUSAL}, in the called instance (same business key).
     */
    public static final String CALL_ACTIVITY_APPROVE_REFUSAL = "CallActivity_ApproveRefusal";
    public static final String GATEWAY_REFUSAL_APPROVAL = "Gateway_RefusalApproval";
    /** Sets {@code outcome = REFUSED} by its output mapping. */
    public static final String EVENT_REFUSAL_APPROVED = "IntermediateThrowEvent_RefusalApproved";
    /** After an approved refusal: {@link VariableNames#RESTRICT_KEPT_DATA} routes to the restriction of what it keeps. */
    public static final String GATEWAY_KEPT_DATA_TO_RESTRICT = "Gateway_KeptDataToRestrict";
    /**
     * A DELETE or CANCEL_ACCOUNT refused on excessive technical means or impracticality: every asked category is
     * restricted in every system that holds it ({@link SystemStepsModel#PROCESS_ID}, operation RESTRICT).
     */
    public static final String CALL_ACTIVITY_RESTRICT_KEPT_DATA = "CallActivity_RestrictKeptData";
    public static final String GATEWAY_JOIN_FULFILMENT = "Gateway_JoinFulfilment";
    public static final String TASK_START_FULFILMENT = "Task_StartFulfilment";
    /**
     * Runs in the job that reaches it ({@link #TASK_GATHER_TRIAGE_FACTS}'s without a review, {@link #GATEWAY_JOIN_REVIEWED}'s,
     * {@link #EVENT_CLOCK_RESUMED}'s), never in a person's transaction: database work only, rolled back and retried
     * with that job. One job less per request.
     */
    public static final java.util.Set<String> FULFILMENT_START_TRANSACTION_TASKS = java.util.Set.of(TASK_START_FULFILMENT);
    /** Routes by {@code fulfilmentStart}: STARTED, REFERRED_TO_REVIEW (to the review) or WAITING_FOR_REQUESTER. */
    public static final String GATEWAY_FULFILMENT_STARTED = "Gateway_FulfilmentStarted";
    /** Fulfilment waits here while the clock is paused ({@link #MSG_CLOCK_RESUMED}), then tries again (asyncAfter: in a job). */
    public static final String EVENT_CLOCK_RESUMED = "IntermediateCatchEvent_ClockResumed";
    public static final String CALL_ACTIVITY_FULFIL = "CallActivity_Fulfil";
    public static final String GATEWAY_PARTLY_REFUSED = "Gateway_PartlyRefused";
    /** Sets {@code outcome = PARTIALLY_COMPLETED} by its output mapping. */
    public static final String EVENT_PARTIALLY_COMPLETED = "IntermediateThrowEvent_PartiallyCompleted";
    public static final String GATEWAY_JOIN_RESULT = "Gateway_JoinResult";
    public static final String TASK_SEND_RESULT = "Task_SendResult";
    public static final String GATEWAY_OUTCOME = "Gateway_Outcome";
    public static final String END_EVENT_COMPLETED = "EndEvent_Completed";
    public static final String END_EVENT_PARTIALLY_COMPLETED = "EndEvent_PartiallyCompleted";
    public static final String END_EVENT_REFUSED = "EndEvent_Refused";

    // --- elements: the event sub-process of SubProcess_Handle while the clock is paused for a clarification
    public static final String SUBPROCESS_AWAIT_CLARIFICATION = "SubProcess_AwaitClarification";
    public static final String START_EVENT_CLARIFICATION_REQUESTED = "StartEvent_ClarificationRequested";
    public static final String RECEIVE_TASK_AWAIT_CLARIFICATION = "ReceiveTask_AwaitClarification";
    public static final String END_EVENT_CLOCK_RESUMED = "EndEvent_ClockResumed";
    /**
     * Timer (timeDate {@code ${clarificationAnswerBy}}: 30 days after the question, the date the notice names),
     * interrupting, on {@link #RECEIVE_TASK_AWAIT_CLARIFICATION}.
     */
    public static final String BOUNDARY_EVENT_CLARIFICATION_UNANSWERED = "BoundaryEvent_ClarificationUnanswered";
    public static final String TASK_CLOSE_UNANSWERED = "Task_CloseUnanswered";
    /** Throws {@link #ERROR_CLOSED_UNANSWERED}. */
    public static final String END_EVENT_CLARIFICATION_CLOSED = "EndEvent_ClarificationClosed";

    // --- elements: the statutory clock, an event sub-process of SubProcess_Handle (one timer at a time)
    /**
     * Non-interrupting: the clock on the whole request, verification included. The request's ends inside
     * {@link #SUBPROCESS_HANDLE} are terminate end events, so a waiting {@link #TIMER_EVENT_DUE_DATE} ends with it.
     */
    public static final String SUBPROCESS_DUE_DATE_NEAR = "SubProcess_DueDateNear";
    /** Timer start (timeDate {@code ${reminderDate}}), created with the request: move it on an extension or pause. */
    public static final String START_EVENT_DUE_SOON = "StartEvent_DueSoon";
    /** Parallel: staff are reminded, and the due-date timer is created in the same job. */
    public static final String GATEWAY_REMIND_AND_AWAIT_THE_DUE_DATE = "Gateway_RemindAndAwaitTheDueDate";
    public static final String TASK_REMIND_STAFF = "Task_RemindStaff";
    public static final String END_EVENT_STAFF_REMINDED = "EndEvent_StaffReminded";
    /**
     * Timer (timeDate {@code ${dueDate}}), created when {@link #START_EVENT_DUE_SOON} fires, from the stored due date
     * (which an extension or pause has moved by then): move it on an extension or pause once it exists.
     */
    public static final String TIMER_EVENT_DUE_DATE = "TimerEvent_DueDate";
    public static final String TASK_ESCALATE_OVERDUE = "Task_EscalateOverdue";
    public static final String END_EVENT_ESCALATED = "EndEvent_Escalated";

    // --- elements: the verification, inside SubProcess_Handle without a sub-process of its own (a waiting request's
    // execution and activity instance fewer: BENCHMARKS.md, figure 6). It ends at one of the EVENT_* intermediate events:
    // the verified ones lead to Task_GatherTriageFacts, the not verified ones to Task_CloseUnverified.
    /** {@code manualVerificationRequired}: straight to intake staff; otherwise codes. */
    public static final String GATEWAY_VERIFICATION_ROUTE = "Gateway_VerificationRoute";
    public static final String TASK_REQUEST_MANUAL_VERIFICATION = "Task_RequestManualVerification";
    public static final String GATEWAY_JOIN_MANUAL_VERIFICATION = "Gateway_JoinManualVerification";
    public static final String TASK_SEND_VERIFICATION_CODES = "Task_SendVerificationCodes";
    public static final String RECEIVE_TASK_AWAIT_VERIFICATION = "ReceiveTask_AwaitVerification";
    /**
     * The only service tasks without {@code asyncBefore}: they run in the filing's transaction and only write to the
     * outbox (the dispatcher sends with its own retries), so a request is filed with its acknowledgement and codes or
     * not at all. As jobs they cost more than the filing itself (BENCHMARKS.md, figure 1).
     */
    public static final java.util.Set<String> FILING_TRANSACTION_TASKS =
            java.util.Set.of(TASK_ACKNOWLEDGE, TASK_SEND_VERIFICATION_CODES);
    public static final String EVENT_IDENTITY_VERIFIED = "IntermediateThrowEvent_IdentityVerified";
    /**
     * Timer P3D, interrupting, on {@link #RECEIVE_TASK_AWAIT_VERIFICATION}: the verification wait's only timer. Its job
     * sends the reminder and starts {@link #RECEIVE_TASK_AWAIT_VERIFICATION_AFTER_THE_REMINDER}, which arms the expiry:
     * a filing creates one verification timer, not two.
     */
    public static final String BOUNDARY_EVENT_VERIFICATION_REMINDER = "BoundaryEvent_VerificationReminder";
    public static final String TASK_SEND_VERIFICATION_REMINDER = "Task_SendVerificationReminder";
    /**
     * Runs in the job of {@link #BOUNDARY_EVENT_VERIFICATION_REMINDER}: it only writes to the outbox (dedup key per
     * request), and the code stays awaited without a gap between the two waits.
     */
    public static final java.util.Set<String> REMINDER_TRANSACTION_TASKS = java.util.Set.of(TASK_SEND_VERIFICATION_REMINDER);
    /** The second half of the verification window: the same message, the same lock, and the expiry. */
    public static final String RECEIVE_TASK_AWAIT_VERIFICATION_AFTER_THE_REMINDER = "ReceiveTask_AwaitVerificationAfterTheReminder";
    public static final String BOUNDARY_EVENT_VERIFICATION_LOCKED_AFTER_THE_REMINDER = "BoundaryEvent_VerificationLockedAfterTheReminder";
    /** Timer P4D (7 days after the filing in all), interrupting, on {@link #RECEIVE_TASK_AWAIT_VERIFICATION_AFTER_THE_REMINDER}. */
    public static final String BOUNDARY_EVENT_VERIFICATION_EXPIRED = "BoundaryEvent_VerificationExpired";
    public static final String EVENT_NOT_VERIFIED = "IntermediateThrowEvent_NotVerified";
    public static final String BOUNDARY_EVENT_VERIFICATION_LOCKED = "BoundaryEvent_VerificationLocked";
    public static final String TASK_VERIFY_IDENTITY_MANUALLY = "Task_VerifyIdentityManually";
    public static final String GATEWAY_MANUAL_VERIFICATION = "Gateway_ManualVerification";
    public static final String EVENT_VERIFIED_MANUALLY = "IntermediateThrowEvent_VerifiedManually";
    public static final String EVENT_MANUAL_NOT_VERIFIED = "IntermediateThrowEvent_ManualNotVerified";
    /** {@code manualVerificationRoute}: TASK (default) to {@link #TASK_VERIFY_IDENTITY_MANUALLY}, JOIN or WAIT to wait, DEFER to the next day. */
    public static final String GATEWAY_STAFF_ROUTE = "Gateway_StaffRoute";
    /** Route DEFER: waits until {@code manualVerificationRoutedAgainAt}, then Task_RequestManualVerification again. */
    public static final String TIMER_EVENT_UNTIL_THE_NEXT_DAY = "TimerEvent_UntilTheNextDay";
    /** Waits for the decision on the account's open manual verification (or none: an unknown account). */
    public static final String RECEIVE_TASK_AWAIT_STAFF_DECISION = "ReceiveTask_AwaitStaffDecision";
    public static final String BOUNDARY_EVENT_HANDED_OVER = "BoundaryEvent_HandedOver";
    /** Timer P7D, interrupting, on {@link #RECEIVE_TASK_AWAIT_STAFF_DECISION}. */
    public static final String BOUNDARY_EVENT_STAFF_DECISION_EXPIRED = "BoundaryEvent_StaffDecisionExpired";
    public static final String EVENT_STAFF_DECISION_EXPIRED = "IntermediateThrowEvent_StaffDecisionExpired";
    public static final String GATEWAY_DECIDED_WITH_THE_ACCOUNT = "Gateway_DecidedWithTheAccount";
    public static final String EVENT_VERIFIED_WITH_THE_ACCOUNT = "IntermediateThrowEvent_VerifiedWithTheAccount";
    public static final String EVENT_NOT_VERIFIED_WITH_THE_ACCOUNT = "IntermediateThrowEvent_NotVerifiedWithTheAccount";

    private RightsRequestModel() {
    }
}
