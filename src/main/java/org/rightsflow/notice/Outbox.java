package org.rightsflow.notice;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.rightsflow.common.TimeSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: a notice is rendered and stored in the same transaction as the state change that
 * causes it, and sent later by {@link NoticeDispatcher}. Enqueuing the same dedup key twice stores one notice.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final NoticeTemplates templates;
    private final TimeSource time;
    /** Asked at enqueue time (never at construction: the request side itself sends notices through the outbox). */
    private ObjectProvider<NoticeAddressee> addressees;

    public Outbox(JdbcClient jdbc, NoticeTemplates templates, TimeSource time) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.time = time;
    }

    @Autowired
    void setAddressees(ObjectProvider<NoticeAddressee> addressees) {
        this.addressees = addressees;
    }

    /** The notice's model, worded for whom it goes to ({@link NoticeAddressee}). */
    private Map<String, Object> wordedFor(Notice notice) {
        NoticeAddressee addressee = notice.requestId() == null || addressees == null ? null : addressees.getIfAvailable();
        if (addressee == null) {
            return notice.model();
        }
        Map<String, Object> wording = addressee.wordingFor(notice.requestId(), notice.recipient(), notice.language());
        if (wording.isEmpty()) {
            return notice.model();
        }
        return worded(notice.model(), wording);
    }

    /** The notice's model with the recipient's wording; the right's label is reworded only where the model names it. */
    private static Map<String, Object> worded(Map<String, Object> model, Map<String, Object> wording) {
        Map<String, Object> worded = new HashMap<>(model);
        wording.forEach((name, value) -> {
            if (!name.equals("requestType") || worded.containsKey(name)) {
                worded.put(name, value);
            }
        });
        return worded;
    }

    /** @return true if stored now, false if a notice with this dedup key was already there */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(Notice notice) {
        return store(notice, wordedFor(notice));
    }

    /**
     * As {@link #enqueue}, with the recipient's wording given by the caller (the request side, which has just looked up
     * the contact on file it sends to): the outbox does not ask {@link NoticeAddressee} for it, which would read the
     * request and the account a second time in the filing's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueueWorded(Notice notice, Map<String, Object> wording) {
        return store(notice, worded(notice.model(), wording));
    }

    private boolean store(Notice notice, Map<String, Object> model) {
        NoticeTemplates.Rendered rendered = templates.render(notice.kind(), notice.language(), model);
        Instant now = time.now();
        // Jobs of one process instance run one at a time (exclusive jobs), so "insert where not exists" suffices;
        // the unique key stays the last line of defence. A request whose records were reduced (long closed,
        // docs/retention.md) keeps its notices' dedup keys in its reduced record, not here: it takes no notice at all.
        int inserted = jdbc.sql("""
                insert into notice_outbox (id, dedup_key, request_id, kind, recipient, language, subject, body,
                  created_at, next_attempt_at)
                select :id, :dedup, :requestId, :kind, :recipient, :language, :subject, :body, :now, :now
                where not exists (select 1 from notice_outbox where dedup_key = :dedup)
                  and not exists (select 1 from rights_request
                                  where id = :requestId and records_reduced_at is not null)""")
                .param("id", UUID.randomUUID().toString())
                .param("dedup", notice.dedupKey())
                .param("requestId", notice.requestId())
                .param("kind", notice.kind().name())
                .param("recipient", notice.recipient())
                .param("language", notice.language())
                .param("subject", rendered.subject())
                .param("body", rendered.body())
                .param("now", ts(now))
                .update();
        return inserted == 1;
    }
}
