package org.rightsflow.process.model;

/**
 * Ids of {@code processes/explanation-fulfilment.bpmn} (EXPLAIN), called by {@code CallActivity_Fulfil}.
 * In: requestId, reference, requestType, dueDate, resultGrounds, resultExplanation (business key = reference).
 * Out: outcome, resultGrounds, resultExplanation. The requester's question and topics stay in the request's details,
 * never in a variable; the officer's answer is stored in the application's table {@code explanation_answer}.
 */
public final class ExplanationFulfilmentModel {

    public static final String PROCESS_ID = "ExplanationFulfilmentProcess";
    public static final String RESOURCE = "processes/explanation-fulfilment.bpmn";
    public static final String FORM_ANSWER_QUESTION = "Form_ExplanationAnswer";

    /**
     * On create: the draft answer (the data map's facts for the account, in the request's language) in the task-local
     * form field {@code explanation} (removed again on completion), and the topics' codes (task-local) in {@link #EXPLANATION_TOPICS}. On complete: the decision is
     * checked on the server; PROCEED records the edited answer in the application's table, REFUSE stores the officer's
     * refusal proposal and writes reviewProposer, reviewDecision, resultGrounds and resultExplanation for the approval;
     * then {@link #ANSWER_DECISION} is written and the form fields are removed.
     */
    public static final String BEAN_EXPLANATION_ANSWER_LISTENER = "explanationAnswerListener";
    /** Sends the recorded answer to the contact on file; writes {@code outcome}. */
    public static final String BEAN_SEND_EXPLANATION = "sendExplanation";

    public static final String START_EVENT = "StartEvent_ExplanationRequested";
    /** Joins the first answer and a refusal proposal the legal reviewer sent back. */
    public static final String GATEWAY_JOIN_ANSWER = "Gateway_JoinAnswer";
    public static final String TASK_ANSWER_QUESTION = "Task_AnswerQuestion";
    public static final String GATEWAY_ANSWER_DECISION = "Gateway_AnswerDecision";
    public static final String TASK_SEND_EXPLANATION = "Task_SendExplanation";
    public static final String END_EVENT_ANSWERED = "EndEvent_QuestionAnswered";
    /** REFUSE: the refusal proposal goes to RefusalApprovalProcess (a second person). */
    public static final String CALL_ACTIVITY_APPROVE_REFUSAL = "CallActivity_ApproveRefusal";
    public static final String GATEWAY_REFUSAL_APPROVED = "Gateway_RefusalApproved";
    /** Sets {@code outcome = REFUSED} by its output mapping, once the refusal is approved. */
    public static final String EVENT_EXPLANATION_REFUSED = "IntermediateThrowEvent_ExplanationRefused";
    public static final String END_EVENT_REFUSED = "EndEvent_ExplanationRefused";

    /** PROCEED (send the answer) or REFUSE (a proposal), copied from the form's {@code decision}. */
    public static final String ANSWER_DECISION = "answerDecision";
    /** Task-local, for the form: the topics the requester picked, comma-separated codes ("" for all). */
    public static final String EXPLANATION_TOPICS = "explanationTopics";

    private ExplanationFulfilmentModel() {
    }
}
