package org.rightsflow.fulfilment.transfer;

import org.rightsflow.common.Masks;

/**
 * How a transfer's recipient is shown where the full value must not go: the reviewer's form (its variables end up in
 * the engine's history) and the notice to the contact on file (which never repeats text typed by the requester in
 * clear, docs/notices.md). The full name and email stay in the request's record; staff read them on the request's staff page.
 */
public final class RecipientMask {

    private RecipientMask() {
    }

    /** "Acme Cloud Ltd" → "A***". */
    public static String name(String name) {
        return Masks.text(name);
    }

    /** "bob@recipient.example" → "b***@***.example". */
    public static String email(String email) {
        return Masks.email(email);
    }
}
