package org.rightsflow.request;

import static org.rightsflow.common.Sql.instant;
import static org.rightsflow.common.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.common.TimeSource;
import org.rightsflow.deadline.DeadlineEvent;
import org.rightsflow.notice.NoticeFormats;
import org.rightsflow.notice.NoticeKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A pause is a clarification: a privacy officer stops the clock only to ask the requester something they must answer
 * (the seed's 15 calendar days make no provision for any other pause), and the requester is always told what is
 * needed, how to answer and that the clock waits for them. The answer comes through the status page or the API, is
 * kept in {@code clarification} (the requester's own text: shown to staff, never put in a notice or the engine) and
 * runs the clock again; a privacy officer may also resume it. Thirty days without either close the request (a BPMN
 * timer; {@link #closeUnanswered}).
 */
@Service
public class ClarificationService {

    /**
     * How long the requester has to answer: the notice names the date, and the timer BoundaryEvent_ClarificationUnanswered
     * waits until exactly that date ({@link ClarificationRequested#answerBy()}).
     */
    public static final Duration WINDOW = Duration.ofDays(30);
    public static final int MAX_ANSWER = 2000;

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final StatusTokenCheck tokenCheck;
    private final RequestLifecycle lifecycle;
    private final RequesterNotices notices;
    private final AuditTrail audit;
    private final TimeSource time;
    private final RightsflowProperties properties;
    private final ApplicationEventPublisher events;

    public ClarificationService(JdbcClient jdbc, RequestRepository requests, StatusTokenCheck tokenCheck,
                                RequestLifecycle lifecycle, AuditTrail audit, TimeSource time,
                                RightsflowProperties properties, ApplicationEventPublisher events,
                                RequesterNotices notices) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.tokenCheck = tokenCheck;
        this.lifecycle = lifecycle;
        this.notices = notices;
        this.audit = audit;
        this.time = time;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Pauses the clock and asks the requester to clarify the given topics.
     *
     * @param reason staff text for staff (why), kept with the pause; the notice words the topics, never this text
     * @throws InvalidRequestException       TOPICS_REQUIRED / UNKNOWN_TOPIC
     * @throws RequestStateConflictException NOT_VERIFIED (a request still being verified is not asked anything:
     *                                       its requester is not known yet), FULFILMENT_STARTED, ALREADY_PAUSED,
     *                                       REQUEST_CLOSED
     */
    @Transactional
    public DeadlineEvent ask(String reference, String staffUser, String reason, List<String> topicCodes) {
        List<ClarificationTopic> topics = topics(topicCodes);
        RightsRequest found = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        RightsRequest request = requests.lockById(found.id()).orElseThrow();
        if (request.status() == RequestStatus.RECEIVED || request.status() == RequestStatus.AWAITING_VERIFICATION) {
            throw new RequestStateConflictException("NOT_VERIFIED",
                    "The request is not verified yet: nothing is asked of a requester whose identity is not confirmed");
        }
        DeadlineEvent pause = lifecycle.pause(reference, staffUser, reason);
        Instant now = pause.at();
        jdbc.sql("""
                insert into clarification (request_id, pause_event_id, topics, asked_by, asked_at)
                values (:id, :pause, :topics, :by, :at)""")
                .param("id", request.id()).param("pause", pause.id())
                .param("topics", String.join(",", topics.stream().map(Enum::name).toList()))
                .param("by", staffUser).param("at", ts(now))
                .update();
        Map<String, Object> model = new HashMap<>();
        model.put("topics", ClarificationTopic.describe(topics, request.language()));
        model.put("answerBy", NoticeFormats.dateTime(now.plus(WINDOW)));
        model.put("apiPath", "/api/requests/" + reference + "/clarification");
        model.put("privacyCenterUrl", properties.publicBaseUrl() + "/privacy");
        notices.aboutRequest(requests.findById(request.id()).orElseThrow(), NoticeKind.CLARIFICATION_REQUESTED,
                "clarification-requested:" + pause.id() + ":" + request.id(), model);
        audit.record(reference, staffUser, "CLARIFICATION_REQUESTED",
                "{\"topics\":\"" + String.join(",", topics.stream().map(Enum::name).toList()) + "\"}");
        events.publishEvent(new ClarificationRequested(request.id(), reference, now.plus(WINDOW)));
        return pause;
    }

    /**
     * The requester's answer, through the status page or the API: stored, and the clock runs again.
     *
     * @throws RequestNotFoundException      wrong reference or token (the same answer for both)
     * @throws InvalidRequestException       ANSWER_REQUIRED / ANSWER_TOO_LONG
     * @throws RequestStateConflictException NO_CLARIFICATION_PENDING
     */
    @Transactional
    public RequestStatus answer(String reference, String statusToken, String answer) {
        RightsRequest opened = tokenCheck.open(reference, statusToken);
        if (answer == null || answer.isBlank()) {
            throw new InvalidRequestException("ANSWER_REQUIRED", "Write your answer");
        }
        String text = answer.strip();
        if (text.length() > MAX_ANSWER) {
            throw new InvalidRequestException("ANSWER_TOO_LONG", "The answer is limited to " + MAX_ANSWER + " characters");
        }
        RightsRequest request = requests.lockById(opened.id()).orElseThrow();
        Clarification open = open(request.id()).filter(c -> request.status() == RequestStatus.WAITING_FOR_REQUESTER)
                .orElseThrow(() -> new RequestStateConflictException("NO_CLARIFICATION_PENDING",
                        "Nothing was asked of you for this request, or your answer has already reached us"));
        Instant now = time.now();
        jdbc.sql("""
                update clarification set answer = :answer, answered_at = :at, ended = :ended, ended_at = :at
                where id = :id and ended is null""")
                .param("answer", text).param("at", ts(now)).param("ended", Clarification.ANSWERED)
                .param("id", open.id()).update();
        audit.record(reference, "requester", "CLARIFICATION_ANSWERED", "{\"characters\":" + text.length() + "}");
        lifecycle.resume(reference, "requester", "The requester answered the clarification");
        return requests.findById(request.id()).orElseThrow().status();
    }

    /** A privacy officer runs the clock again (for example the answer came by phone); the clarification ends. */
    @Transactional
    public DeadlineEvent resumeByStaff(String reference, String staffUser, String reason) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        DeadlineEvent resumed = lifecycle.resume(reference, staffUser, reason);
        end(request.id(), Clarification.RESUMED_BY_STAFF);
        return resumed;
    }

    /**
     * Thirty days without an answer: the request closes as withdrawn (the requester did not take up the question; they
     * may file again at any time), with a notice. Safe to run again.
     */
    @Transactional
    public void closeUnanswered(String requestId) {
        RightsRequest request = requests.lockById(requestId).orElseThrow();
        Optional<Clarification> last = of(requestId).stream().reduce((a, b) -> b);
        end(requestId, Clarification.UNANSWERED);
        if (!request.status().isTerminal()) {
            requests.updateStatus(requestId, RequestStatus.WITHDRAWN, time.now());
            audit.record(request.reference(), "system", "CLOSED_UNANSWERED", null);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("askedAt", last.map(c -> NoticeFormats.dateTime(c.askedAt())).orElse(""));
        model.put("privacyCenterUrl", properties.publicBaseUrl() + "/privacy");
        notices.aboutRequest(requests.findById(requestId).orElseThrow(), NoticeKind.CLARIFICATION_UNANSWERED,
                "clarification-unanswered:" + requestId, model);
    }

    /** The clarification that waits for the requester, if any. */
    public Optional<Clarification> open(String requestId) {
        return of(requestId).stream().filter(Clarification::open).reduce((a, b) -> b);
    }

    /**
     * Every clarification of the request with the requester's answers, for a privacy officer; each read is audited
     * (the answers are text the requester typed).
     */
    @Transactional
    public List<Clarification> forStaff(String reference, String staffUser) {
        RightsRequest request = requests.findByReference(reference).orElseThrow(RequestNotFoundException::new);
        List<Clarification> all = of(request.id());
        audit.record(reference, staffUser, "CLARIFICATIONS_READ", "{\"clarifications\":" + all.size() + "}");
        return all;
    }

    public List<Clarification> of(String requestId) {
        return jdbc.sql("select * from clarification where request_id = :id order by id").param("id", requestId)
                .query(ClarificationService::map).list();
    }

    private void end(String requestId, String how) {
        jdbc.sql("update clarification set ended = :ended, ended_at = :at where request_id = :id and ended is null")
                .param("ended", how).param("at", ts(time.now())).param("id", requestId).update();
    }

    private static List<ClarificationTopic> topics(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw new InvalidRequestException("TOPICS_REQUIRED", "Name what the requester must clarify: \"needed\": ["
                    + String.join(", ", Arrays.stream(ClarificationTopic.values()).map(Enum::name).toList()) + "]");
        }
        LinkedHashSet<ClarificationTopic> topics = new LinkedHashSet<>();
        for (String code : codes) {
            topics.add(ClarificationTopic.fromCode(code).orElseThrow(() -> new InvalidRequestException("UNKNOWN_TOPIC",
                    "Unknown topic " + code + "; known: "
                            + String.join(", ", Arrays.stream(ClarificationTopic.values()).map(Enum::name).toList()))));
        }
        return new ArrayList<>(topics);
    }

    private static Clarification map(ResultSet rs, int row) throws SQLException {
        List<ClarificationTopic> topics = Arrays.stream(rs.getString("topics").split(","))
                .filter(t -> !t.isBlank()).map(ClarificationTopic::valueOf).toList();
        return new Clarification(rs.getLong("id"), rs.getString("request_id"), rs.getLong("pause_event_id"), topics,
                rs.getString("asked_by"), instant(rs, "asked_at"), rs.getString("answer"), instant(rs, "answered_at"),
                rs.getString("ended"), instant(rs, "ended_at"));
    }
}
