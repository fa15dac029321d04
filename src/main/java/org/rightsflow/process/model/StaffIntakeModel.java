package org.rightsflow.process.model;


/**
 * Ids of {@code processes/staff-intake.bpmn}: intake staff enter a request received by phone, letter or email
 * from the start form {@link #FORM_STAFF_INTAKE} in Tasklist; {@link #TASK_FILE_REQUEST} files it as a
 * {@link RightsRequestModel#PROCESS_ID} (which then goes to manual verification) and removes the form's fields,
 * including their history, from this process: the typed email is personal data and lives in the request table
 * only.
 *
 * <p>Form fields (start form variables, removed by {@link #BEAN_FILE_STAFF_REQUEST}): {@link #FIELD_REQUEST_TYPE},
 * {@link #FIELD_ACCOUNT_EMAIL}, {@link #FIELD_LANGUAGE}, {@link #FIELD_RECEIVED_VIA}, {@link #FIELD_DELETION_GROUND},
 * {@link #FIELD_CONSENT_PURPOSES}. Left in the process: {@code reference} (also the business key afterwards),
 * {@code requestId}, {@code requestType} and {@code dueDate} (for {@link #TASK_TELL_THE_REFERENCE}).
 */
public final class StaffIntakeModel {

    public static final String PROCESS_ID = "StaffIntakeProcess";
    public static final String RESOURCE = "processes/staff-intake.bpmn";
    public static final String FORM_STAFF_INTAKE = "Form_StaffIntake";
    public static final String GROUP_PRIVACY_INTAKE = StaffGroups.INTAKE;

    public static final String START_EVENT_FORM_SUBMITTED = "StartEvent_RequestEntered";
    public static final String TASK_FILE_REQUEST = "Task_FileRequest";
    /**
     * Service tasks without {@code asyncBefore}, on purpose: the filing runs in the form submission's transaction
     * (notices go through the outbox), so a field the intake service rejects is reported in Tasklist and nothing is
     * stored.
     */
    public static final java.util.Set<String> FORM_TRANSACTION_TASKS = java.util.Set.of(TASK_FILE_REQUEST);
    /** Removes the history of the form's fields. */
    public static final String TASK_FORGET_FORM_FIELDS = "Task_ForgetFormFields";
    /** Shows the new reference to whoever entered the request (assigned to them: {@link #ENTERED_BY}). */
    public static final String TASK_TELL_THE_REFERENCE = "Task_TellTheReference";
    public static final String FORM_REQUEST_ENTERED = "Form_RequestEntered";
    public static final String END_EVENT_FILED = "EndEvent_RequestFiled";
    /** The staff member who submitted the start form (the start event's initiator variable). */
    public static final String ENTERED_BY = "enteredBy";

    public static final String BEAN_FILE_STAFF_REQUEST = "fileStaffRequest";
    public static final String BEAN_FORGET_FORM_FIELDS = "forgetStartFormFields";

    public static final String FIELD_REQUEST_TYPE = "intakeRequestType";
    public static final String FIELD_ACCOUNT_EMAIL = "intakeAccountEmail";
    public static final String FIELD_LANGUAGE = "intakeLanguage";
    public static final String FIELD_RECEIVED_VIA = "intakeReceivedVia";
    public static final String FIELD_DELETION_GROUND = "intakeDeletionGround";
    public static final String FIELD_CONSENT_PURPOSES = "intakeConsentPurposes";
    /** EXPLAIN: the requester's question (typed text: removed at once, its history forgotten). */
    public static final String FIELD_QUESTION = "intakeQuestion";
    public static final String FIELD_RESTRICT_CATEGORIES = "intakeRestrictCategories";
    public static final String FIELD_RESTRICT_PURPOSES = "intakeRestrictPurposes";
    public static final String FIELD_RESTRICT_UNTIL = "intakeRestrictUntil";

    private StaffIntakeModel() {
    }
}
