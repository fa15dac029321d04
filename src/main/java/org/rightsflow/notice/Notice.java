package org.rightsflow.notice;

import java.util.Map;

/**
 * A notice to render and send.
 *
 * @param dedupKey  the same key for the same logical notice: a retried job enqueues it again and nothing happens
 * @param requestId the request it belongs to (null for staff notices not tied to one request)
 * @param model     template values: reference, dates, grounds, links; never free text typed by a requester
 */
public record Notice(String dedupKey, String requestId, NoticeKind kind, String recipient, String language,
                     Map<String, Object> model) {
}
