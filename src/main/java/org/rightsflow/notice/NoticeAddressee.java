package org.rightsflow.notice;

import java.util.Map;

/**
 * Who a notice about a request speaks to, so that every template can word it for them: a minor's guardian reads
 * about the minor's personal information, never about "your" data. The request side answers (it knows who filed and
 * whose contact on file a recipient is); the outbox asks once per notice and adds the answer to the model.
 */
public interface NoticeAddressee {

    /**
     * Template values that word a notice about the request for this recipient: {@code guardian} (a flag) and, for a
     * guardian, the right's name as a guardian reads it ({@code requestType}). Empty when the recipient is not the
     * requester (a transfer's recipient, staff) or the request is unknown.
     */
    Map<String, Object> wordingFor(String requestId, String recipient, String language);
}
