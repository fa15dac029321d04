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
    public static final String BEAN_WITHDRAW_CONSENTS = "withdrawConsents";

    public static final String START_EVENT = "StartEvent_ConsentWithdrawalRequested";
    public static final String TASK_WITHDRAW_CONSENTS = "Task_WithdrawConsents";
    public static final String END_EVENT = "EndEvent_ConsentWithdrawn";

    private ConsentWithdrawalModel() {
    }
}
