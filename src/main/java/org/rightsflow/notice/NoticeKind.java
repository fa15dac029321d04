package org.rightsflow.notice;

import java.util.Locale;

/** Every email the product sends (docs/notices.md); each has a template per language under templates/mail/. */
public enum NoticeKind {
    ACKNOWLEDGEMENT,
    VERIFICATION_CODE,
    /** The second code of level 2, by text message (identity.SmsChannel; an email to sms+<digits>@demo.invalid by default). */
    VERIFICATION_SMS,
    VERIFICATION_REMINDER,
    CLOSED_UNVERIFIED,
    WITHDRAWN,
    DOWNLOAD_READY,
    RESULT_COMPLETED,
    RESULT_PARTIALLY_COMPLETED,
    RESULT_REFUSED,
    STAFF_TASK_REMINDER,
    STAFF_DEADLINE_ESCALATION,
    /** Staff: the working-day calendar data runs out within the warning period (or did); add the missing year. */
    STAFF_CALENDAR_ENDING,
    /** Staff: the calendar file was rejected (file and line named); the data in force did not change. */
    STAFF_CALENDAR_REJECTED,
    /** To each member of a staff group, once a day: the group's new and overdue tasks (StaffDigests). */
    STAFF_DAILY_DIGEST,
    /** DELETE: what was erased now, what is restricted until when and why (fulfilment/erasure). */
    ERASURE_SUMMARY,
    /** DELETE / CANCEL_ACCOUNT: a held category was erased when its retention ran out. */
    DEFERRED_DELETION_COMPLETED,
    /** CANCEL_ACCOUNT: what to settle first (kinds and counts, no amounts) and until when. */
    CANCELLATION_BLOCKED,
    /** CANCEL_ACCOUNT: the cooling-off period started; how to revoke and until when. */
    CANCELLATION_COOLING_OFF,
    /** CANCEL_ACCOUNT: the requester revoked the cancellation during the cooling-off period. */
    CANCELLATION_REVOKED,
    /** CANCEL_ACCOUNT: the cancellation certificate (masked account, erased, restricted until when). */
    CANCELLATION_CERTIFICATE,
    /** TRANSFER: to the recipient the requester named: the expiring link and the package's SHA-256. */
    TRANSFER_PACKAGE,
    /** TRANSFER: to the contact on file: where the package went (masked) and when. */
    TRANSFER_SENT,
    /** CORRECT: per requested change, corrected or not and why (no values). */
    CORRECTION_RESULT,
    /** WITHDRAW_CONSENT: the purposes withdrawn, the services that stop, earlier processing stays valid. */
    CONSENT_WITHDRAWN,
    /** EXPLAIN: the privacy officer's answer (staff text); never the requester's question. */
    EXPLANATION_ANSWER,
    /** RESTRICT: what is restricted (categories, purposes) and until when; how to lift it. */
    RESTRICTION_APPLIED,
    /** RESTRICT: a restriction ended, at its end date or by the requester's lift request. */
    RESTRICTION_LIFTED,
    /** The answer takes longer: an extension (reason and new date) or the end of a pause (new date). */
    DEADLINE_EXTENDED,
    DEADLINE_RESUMED,
    /** A system's part of the request is stopped (an incident): which system and categories are pending, not done. */
    PART_PENDING,
    /** Staff: a system's step of a request became an incident in Cockpit. */
    STAFF_SYSTEM_STEP_INCIDENT,
    /** A pause: what the requester is asked to clarify (worded codes, never free text), how to answer, until when. */
    CLARIFICATION_REQUESTED,
    /** Thirty days without an answer to a clarification: the request is closed. */
    CLARIFICATION_UNANSWERED;

    /**
     * Whether a person waits at the screen for this notice (a verification code): the dispatcher sends these before
     * anything older that is due, so that a burst of results and reminders never holds a requester's code back.
     */
    public boolean awaitedAtTheScreen() {
        return this == VERIFICATION_CODE || this == VERIFICATION_SMS;
    }

    String templateName(String language) {
        return "mail/" + name().toLowerCase(Locale.ROOT) + "_" + language.replace('-', '_');
    }
}
