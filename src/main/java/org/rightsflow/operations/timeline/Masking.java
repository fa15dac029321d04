package org.rightsflow.operations.timeline;

/** How personal values appear where they are not needed in full: enough to tell two apart, not to use them. */
public final class Masking {

    private Masking() {
    }

    /** {@code li.lei@example.com} → {@code l***@example.com}. */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
