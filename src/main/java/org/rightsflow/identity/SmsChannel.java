package org.rightsflow.identity;

import java.util.Map;

/**
 * Sends a text message to a phone on file (the second factor of level 2). The default implementation
 * ({@link OutboxSmsChannel}) delivers each message through the notice outbox as an email to
 * {@code sms+<digits of the phone>@demo.invalid}; production registers a provider's implementation as a
 * {@code @Primary} bean, which then replaces it.
 *
 * <p>An implementation is called inside the transaction that issued the code and must not send twice for the
 * same {@link TextMessage#dedupKey()} (a retried job calls it again): queue it transactionally, or pass the key
 * to the provider as its idempotency key.
 */
public interface SmsChannel {

    void send(TextMessage message);

    /**
     * @param dedupKey  the same key for the same logical message
     * @param requestId the request the message belongs to
     * @param phone     the phone on file, in E.164 form
     * @param language  the request's language (zh-CN or en)
     * @param model     template values: reference, code, expiry; never free text typed by a requester
     */
    record TextMessage(String dedupKey, String requestId, String phone, String language, Map<String, Object> model) {
    }
}
