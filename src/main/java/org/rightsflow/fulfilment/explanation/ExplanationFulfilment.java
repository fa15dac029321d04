package org.rightsflow.fulfilment.explanation;

import static org.rightsflow.common.Sql.ts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.TimeSource;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.request.RequestOutcome;
import org.rightsflow.request.RequesterNotices;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.rightsflow.review.InvalidDecisionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * EXPLAIN (对个人信息处理规则进行解释说明, PIPL Art. 48): a privacy officer answers the requester's question, starting
 * from a draft made of the data map's facts for this account ({@link ExplanationDraft}); the answer is stored here and
 * sent to the contact on file. The question itself stays in the request's details: it is shown to staff on the
 * request's page and never repeated in a notice (the requester may be an impostor using our mail).
 */
@Service
public class ExplanationFulfilment {

    /** A Camunda String variable holds at most 4,000 characters: the form field carrying the answer is one. */
    public static final int MAX_ANSWER_LENGTH = 4000;

    private final RequestRepository requests;
    private final ExplanationDraft drafts;
    private final RequesterNotices notices;
    private final AuditTrail audit;
    private final TimeSource time;
    private final JdbcClient jdbc;

    public ExplanationFulfilment(RequestRepository requests, ExplanationDraft drafts, RequesterNotices notices, AuditTrail audit, TimeSource time, JdbcClient jdbc) {
        this.requests = requests;
        this.drafts = drafts;
        this.notices = notices;
        this.audit = audit;
        this.time = time;
        this.jdbc = jdbc;
    }

    /** The draft answer the officer's form starts from, in the request's language. */
    @Transactional(readOnly = true)
    public String draftAnswer(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        long accountId = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account"));
        return drafts.draft(accountId, request.reference(), topics(request), Locale.forLanguageTag(request.language()));
    }

    /** The topics the requester picked (codes; empty: the whole of our rules). */
    @Transactional(readOnly = true)
    public List<String> topics(String requestId) {
        return topics(requests.findById(requestId).orElseThrow());
    }

    /**
     * Records the officer's answer (checked again on the server: forms validate only in the browser). Recording it
     * again replaces it: a form submitted twice leaves the last answer.
     *
     * @throws InvalidDecisionException when the answer is empty or too long; nothing is recorded
     */
    @Transactional
    public void recordAnswer(String requestId, String answer, String officer) {
        if (answer == null || answer.isBlank()) {
            throw new InvalidDecisionException("The answer to the requester must not be empty");
        }
        if (answer.length() > MAX_ANSWER_LENGTH) {
            throw new InvalidDecisionException("The answer must be at most " + MAX_ANSWER_LENGTH + " characters");
        }
        if (officer == null || officer.isBlank()) {
            throw new InvalidDecisionException("An answer is given by a named privacy officer: sign in first");
        }
        RightsRequest request = requests.findById(requestId).orElseThrow();
        int updated = jdbc.sql("""
                update explanation_answer set answer = :answer, answered_by = :officer, answered_at = :at
                where request_id = :id""")
                .param("answer", answer.strip()).param("officer", officer).param("at", ts(time.now()))
                .param("id", requestId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into explanation_answer (request_id, answer, answered_by, answered_at)
                    values (:id, :answer, :officer, :at)""")
                    .param("id", requestId).param("answer", answer.strip()).param("officer", officer)
                    .param("at", ts(time.now())).update();
        }
        audit.record(request.reference(), officer, "EXPLANATION_ANSWERED",
                "{\"characters\":" + answer.strip().length() + "}");
    }

    /** The recorded answer, if an officer gave one. */
    @Transactional(readOnly = true)
    public Optional<String> answer(String requestId) {
        return jdbc.sql("select answer from explanation_answer where request_id = :id").param("id", requestId)
                .query(String.class).optional();
    }

    /**
     * Sends the recorded answer to the contact on file, once (a retried job enqueues the same dedup key).
     *
     * @return the outcome for the requester: COMPLETED
     */
    @Transactional
    public String sendAnswer(String requestId) {
        RightsRequest request = requests.findById(requestId).orElseThrow();
        String answer = answer(requestId).orElseThrow(() -> new IllegalStateException(
                "Request " + request.reference() + " has no recorded answer to send"));
        notices.send(request, NoticeKind.EXPLANATION_ANSWER, "explanation-answer:" + requestId, Map.of(
                "receivedAt", org.rightsflow.notice.NoticeFormats.dateTime(request.receivedAt()),
                "answer", answer));
        audit.record(request.reference(), "system", "EXPLANATION_SENT", null);
        return RequestOutcome.COMPLETED.name();
    }

    private static List<String> topics(RightsRequest request) {
        List<String> topics = new ArrayList<>();
        request.details().path("topics").forEach(t -> topics.add(t.asText()));
        return topics;
    }

}
