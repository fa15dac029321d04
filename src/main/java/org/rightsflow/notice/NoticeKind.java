package org.rightsflow.notice;

import java.util.Locale;

/** Every email the product sends (SPEC §6); each has a template per language under templates/mail/. */
public enum NoticeKind {
    ACKNOWLEDGEMENT,
    VERIFICATION_CODE,
    VERIFICATION_REMINDER,
    CLOSED_UNVERIFIED,
    WITHDRAWN,
    DOWNLOAD_READY,
    RESULT_COMPLETED,
    RESULT_PARTIALLY_COMPLETED,
    RESULT_REFUSED,
    STAFF_TASK_REMINDER,
    STAFF_DEADLINE_ESCALATION;

    String templateName(String language) {
        return "mail/" + name().toLowerCase(Locale.ROOT) + "_" + language.replace('-', '_');
    }
}
