package org.rightsflow.process.model;

/**
 * Ids of {@code processes/transfer-fulfilment.bpmn}, called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate, resultGrounds, resultExplanation (business key = reference).
 * Out: outcome, resultGrounds, resultExplanation.
 */
public final class TransferFulfilmentModel {

    public static final String PROCESS_ID = "TransferFulfilmentProcess";
    public static final String RESOURCE = "processes/transfer-fulfilment.bpmn";
    public static final String FORM_TRANSFER_APPROVAL = "Form_TransferApproval";

    /**
     * On create: shows the recipient masked in the task-local {@link #TRANSFER_RECIPIENT}; on complete: checks the
     * decision on the server, writes {@link #TRANSFER_DECISION} (and on REJECT stores the officer's refusal proposal and
     * writes reviewProposer, reviewDecision, suggestedGrounds, resultGrounds and resultExplanation for the approval),
     * removes the form fields and the recipient.
     */
    public static final String BEAN_TRANSFER_APPROVAL_LISTENER = "transferApprovalListener";
    /** Builds the package as for COPY; writes {@code downloadId}. */
    public static final String BEAN_BUILD_TRANSFER_PACKAGE = "buildTransferPackage";
    /** Link and SHA-256 to the recipient, notice to the contact on file; writes {@code outcome}. */
    public static final String BEAN_SEND_TRANSFER_PACKAGE = "sendTransferPackage";

    public static final String START_EVENT = "StartEvent_TransferRequested";
    /** Joins the first decision and a refusal proposal the legal reviewer sent back. */
    public static final String GATEWAY_JOIN_TRANSFER_APPROVAL = "Gateway_JoinTransferApproval";
    public static final String TASK_APPROVE_TRANSFER = "Task_ApproveTransfer";
    public static final String GATEWAY_TRANSFER_DECISION = "Gateway_TransferDecision";
    /** Each system's part: {@link SystemStepsModel#PROCESS_ID} with operation EXPORT. */
    public static final String CALL_ACTIVITY_READ_EVERY_SYSTEM = "CallActivity_ReadEverySystem";
    public static final String TASK_BUILD_COPY_PACKAGE = "Task_BuildCopyPackage";
    public static final String TASK_SEND_TO_RECIPIENT = "Task_SendToRecipient";
    public static final String END_EVENT_TRANSFERRED = "EndEvent_Transferred";
    /** REJECT: the refusal proposal goes to RefusalApprovalProcess (a second person). */
    public static final String CALL_ACTIVITY_APPROVE_REFUSAL = "CallActivity_ApproveRefusal";
    public static final String GATEWAY_REFUSAL_APPROVED = "Gateway_RefusalApproved";
    /** Sets {@code outcome = REFUSED} by its output mapping, once the refusal is approved. */
    public static final String EVENT_TRANSFER_REFUSED = "IntermediateThrowEvent_TransferRefused";
    public static final String END_EVENT_REFUSED = "EndEvent_TransferRefused";

    /** APPROVE or REJECT, copied from the form's {@code decision}. */
    public static final String TRANSFER_DECISION = "transferDecision";
    /** Task-local, masked: what Form_TransferApproval shows of the recipient; removed on completion. */
    public static final String TRANSFER_RECIPIENT = "transferRecipient";

    private TransferFulfilmentModel() {
    }
}
