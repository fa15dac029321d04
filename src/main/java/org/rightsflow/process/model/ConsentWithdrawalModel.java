package org.rightsflow.process.model;

/**
 * Ids of {@code processes/consent-withdrawal.bpmn} (WITHDRAW_CONSENT), called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate (business key = reference), resultGrounds, resultExplanation.
 * Out: outcome, resultGrounds, resultExplanation. The purposes stay in the request's details, never in a variable.
 */
public final class ConsentWithdrawalModel {

    public static final String PROCESS_ID = "ConsentWithdrawalProcess";
    public static final String RESOURCE = "processes/consent-withdrawal.bpmn";

    /** Ledger entries, current consent off, notice of the services that stop; writes {@code outcome}. */
    /** The ledger entry per purpose. */
    public static final String BEAN_WITHDRAW_CONSENTS = "withdrawConsents";
    /** The notice, after every system's consent register recorded the withdrawal; writes outcome COMPLETED. */
    public static final String BEAN_NOTIFY_CONSENT_WITHDRAWN = "notifyConsentWithdrawn";

    public static final String START_EVENT = "StartEvent_ConsentWithdrawalRequested";
    public static final String TASK_WITHDRAW_CONSENTS = "Task_WithdrawConsents";
    /** Each system's part: {@link SystemStepsModel#PROCESS_ID} with operation WITHDRAW_CONSENT. */
    public static final String CALL_ACTIVITY_WITHDRAW_IN_EVERY_SYSTEM = "CallActivity_WithdrawInEverySystem";
    public static final String TASK_NOTIFY_CONSENT_WITHDRAWN = "Task_NotifyConsentWithdrawn";
    public static final String END_EVENT = "EndEvent_ConsentWithdrawn";

    private ConsentWithdrawalModel() {
    }
}
