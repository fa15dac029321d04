package org.rightsflow.fulfilment.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a transfer's recipient is shown where the full value must not go: the reviewer's form (its variables end up in
 * the engine's history) and the notice to the contact on file (which never repeats text typed by the requester in
 * clear, docs/notices.md). The first letter of each word and the email's domain are enough to recognise the party.
 */
public final class RecipientMask {

    private RecipientMask() {
    }

    /** "Acme Cloud Ltd" → "A*** C**** L**"; "张三丰" → "张**". */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (String word : name.trim().split("\\s+")) {
            int[] cps = word.codePoints().toArray();
            StringBuilder masked = new StringBuilder().appendCodePoint(cps[0]);
            masked.append("*".repeat(Math.max(1, Math.min(cps.length - 1, 6))));
            words.add(masked.toString());
        }
        return String.join(" ", words);
    }

    /** "bob@recipient.example" → "b***@recipient.example". */
    public static String email(String email) {
        if (email == null || email.indexOf('@') < 1) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        return email.charAt(0) + "***" + email.substring(at).toLowerCase(Locale.ROOT);
    }
}
