package org.rightsflow.identity;

import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.springframework.stereotype.Component;

/**
 * The SMS channel of the default profile and the tests (docs/verification.md): each text message becomes an email to
 * {@code sms+<digits of the phone number>@demo.invalid}, sent through the outbox like every notice, so the demo
 * mailbox and any test SMTP server show it. A provider's {@code @Primary} {@link SmsChannel} bean replaces it.
 */
@Component
public class OutboxSmsChannel implements SmsChannel {

    private final Outbox outbox;

    public OutboxSmsChannel(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(TextMessage message) {
        outbox.enqueue(new Notice(message.dedupKey(), message.requestId(), NoticeKind.VERIFICATION_SMS,
                addressFor(message.phone()), message.language(), message.model()));
    }

    /** {@code +86 138-0000-0001} → {@code sms+8613800000001@demo.invalid}. */
    public static String addressFor(String phone) {
        return "sms+" + phone.replaceAll("\\D", "") + "@demo.invalid";
    }
}
