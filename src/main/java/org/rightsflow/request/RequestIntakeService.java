package org.rightsflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.common.Sql;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.AccountDirectory;
import org.rightsflow.datamap.AccountFacts;
import org.rightsflow.deadline.Deadline;
import org.rightsflow.deadline.DeadlineService;
import org.rightsflow.identity.ManualVerificationReason;
import org.rightsflow.identity.VerificationLevelPolicy;
import org.rightsflow.limits.Admission;
import org.rightsflow.limits.RequesterLimits;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files a request (docs/lifecycle.md, intake): validates it, stamps reference, receipt time and due date, stores it and
 * announces it (the process layer starts the workflow in the same transaction). With an Idempotency-Key, a retry
 * of the same body within 24 hours returns the original answer; the database's unique key decides between
 * simultaneous retries.
 *
 * <p>Abuse limits (README, "Security"), counted in the database so that they hold on every node: filings per client
 * address (429 beyond it), and open unverified requests per account email (a further filing is answered exactly the
 * same, but no code is sent: it goes to intake staff with the others). An account whose wrong codes reached the
 * daily limit gets no new code either.
 */
@Service
public class RequestIntakeService {

    /** The languages a request is answered in (every notice and page exists in both). */
    public static final Set<String> LANGUAGES = Set.of("zh-CN", "en");
    /** How a request entered by intake staff reached us (docs/staff.md: phone, letter or email). */
    public static final Set<String> STAFF_CHANNELS = Set.of("PHONE", "LETTER", "EMAIL");
    public static final String DEFAULT_LANGUAGE = "zh-CN";

    private final RequestRepository requests;
    private final RequestDetailsValidator detailsValidator;
    private final ReferenceGenerator references;
    private final StatusTokens tokens;
    private final AccountDirectory accounts;
    private final DeadlineService deadlines;
    private final VerificationLevelPolicy levels;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TimeSource time;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final RequesterLimits limits;
    private final byte[] idempotencyKeySecret;
    private final ObjectMapper canonicalJson = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public RequestIntakeService(RequestRepository requests, RequestDetailsValidator detailsValidator,
                                ReferenceGenerator references, StatusTokens tokens, AccountDirectory accounts,
                                DeadlineService deadlines, VerificationLevelPolicy levels, AuditTrail audit,
                                ApplicationEventPublisher events, TimeSource time, PlatformTransactionManager txm,
                                JdbcClient jdbc, RequesterLimits limits, RightsflowProperties properties) {
        this.requests = requests;
        this.detailsValidator = detailsValidator;
        this.references = references;
        this.tokens = tokens;
        this.accounts = accounts;
        this.deadlines = deadlines;
        this.levels = levels;
        this.audit = audit;
        this.events = events;
        this.time = time;
        this.transaction = new TransactionTemplate(txm);
        this.jdbc = jdbc;
        for (String type : deadlines.typesWithOwnPolicies()) {
            if (RequestType.fromCode(type).isEmpty()) {
                // a mistyped type would silently lose its policies
                throw new IllegalStateException("rightsflow.deadline.policies-by-type." + type
                        + ": no such request type; known: " + java.util.Arrays.toString(RequestType.values()));
            }
        }
        this.limits = limits;
        this.idempotencyKeySecret = properties.tokenKey();
    }

    /** How long an Idempotency-Key replays the original answer; after that the same key files a new request. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /**
     * Files a request from the requester API or the Privacy Center.
     *
     * @param idempotencyKey optional; see {@link IdempotencyKeys}. A key is bound to its body: the same key with
     *                       another body files another request, exactly as a fresh key would, so nobody learns from
     *                       the answer whether a key exists
     * @param clientAddress  where the filing came from, as the server sees it: filings per address are limited
     * @throws RateLimitedException when the client address filed as often as the limit allows
     */
    /** The rules of single rights that need more than the filing's own fields (RESTRICT's end date and lift). */
    private List<FilingRule> filingRules = List.of();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setFilingRules(List<FilingRule> rules) {
        this.filingRules = List.copyOf(rules);
    }

    public FilingReceipt file(IntakeCommand command, String idempotencyKey, String clientAddress) {
        Validated valid = validate(command);
        if (idempotencyKey != null) {
            IdempotencyKeys.requireUnguessable(idempotencyKey);
        }
        String fingerprint = fingerprint(valid);
        // stored only as a keyed hash over key and body: the key is a bearer secret, and another body never matches
        String boundKey = idempotencyKey == null ? null
                : Hashing.hmacSha256Hex(idempotencyKeySecret, "idempotency:" + idempotencyKey + "\n" + fingerprint);
        if (boundKey != null) {
            Optional<FilingReceipt> earlier = replay(boundKey);
            if (earlier.isPresent()) {
                return earlier.get(); // a retry is not a new filing: it counts for no limit
            }
        }
        Admission admission = limits.filing(clientAddress);
        if (!admission.allowed()) {
            throw new RateLimitedException(admission.retryAfterSeconds());
        }
        try {
            // the reference is taken before the filing's transaction, which then never waits on the counter's lock
            Instant now = time.now();
            String reference = references.next(now);
            return transaction.execute(status -> {
                if (boundKey != null) {
                    // a key older than the window no longer replays; free it for this filing
                    jdbc.sql("update rights_request set idempotency_key = null where idempotency_key = :key and received_at <= :before")
                            .param("key", boundKey).param("before", Sql.ts(now.minus(IDEMPOTENCY_WINDOW))).update();
                }
                return create(valid, boundKey, fingerprint, null, now, reference);
            });
        } catch (DuplicateKeyException simultaneousRetry) {
            // The other retry committed first: answer with its request.
            return replay(boundKey).orElseThrow(() -> simultaneousRetry);
        }
    }

    /**
     * A request that intake staff enter in Tasklist from a call, a letter or an email (docs/staff.md). The typed email
     * only finds the account and is kept in the request row like any requester's; the request is marked as
     * entered by staff and goes to manual verification, because the requester holds no status token to enter
     * codes with. No idempotency key: each form submission is one request.
     *
     * @param staffUser   the signed-in intake user (recorded, never a requester's data)
     * @param receivedVia PHONE, LETTER or EMAIL
     */
    public FilingReceipt fileByStaff(IntakeCommand command, String staffUser, String receivedVia) {
        if (staffUser == null || staffUser.isBlank()) {
            throw new InvalidRequestException("STAFF_USER_MISSING", "A staff-entered request needs the signed-in staff user");
        }
        if (receivedVia == null || !STAFF_CHANNELS.contains(receivedVia)) {
            throw new InvalidRequestException("INVALID_CHANNEL", "receivedVia must be one of PHONE, LETTER, EMAIL");
        }
        Validated valid = validate(command);
        Instant now = time.now();
        String reference = references.next(now);
        return transaction.execute(status -> create(valid, null, fingerprint(valid), new StaffEntry(staffUser, receivedVia),
                now, reference));
    }

    private record StaffEntry(String staffUser, String receivedVia) {
    }

    private FilingReceipt create(Validated valid, String idempotencyKey, String fingerprint, StaffEntry staff,
                                Instant now, String reference) {
        Optional<AccountFacts> account = accounts.findByEmail(valid.email());
        Deadline deadline = deadlines.deadlineFor(now, valid.type().name());
        String id = UUID.randomUUID().toString();
        String nonce = tokens.newNonce();
        String token = tokens.derive(id, nonce);
        int level = levels.levelFor(valid.type(), account, valid.details(), valid.filedAs());
        RightsRequest request = new RightsRequest(id, reference, valid.type(), RequestStatus.RECEIVED,
                valid.email(), account.map(AccountFacts::id).orElse(null), valid.language(), valid.detailsJson(),
                now, deadline.dueAt(), deadline.reminderAt(), deadline.policyCode(),
                level, null, null, null, null, deadline.provisional(), valid.filedAs());
        Optional<ManualVerificationReason> limitReason = staff == null ? limitReason(valid.email()) : Optional.empty();
        requests.insert(request, StatusTokens.hash(token), nonce, idempotencyKey, fingerprint);
        String manualReason = limitReason.or(() -> levels.manualVerificationReason(valid.type(), account, level,
                staff != null, now, valid.filedAs())).map(Enum::name).orElse(null);
        if (valid.relativeContactEmail() != null) {
            jdbc.sql("update rights_request set relative_contact_email = :contact where id = :id")
                    .param("contact", valid.relativeContactEmail()).param("id", id).update();
        }
        if (staff != null) {
            jdbc.sql("update rights_request set entered_by_staff = true, entered_by = :user, received_via = :via where id = :id")
                    .param("user", staff.staffUser()).param("via", staff.receivedVia()).param("id", id).update();
        }
        audit.record(request.reference(), staff == null ? "requester" : "staff:" + staff.staffUser(), "REQUEST_FILED",
                "{\"type\":\"" + request.type() + "\",\"dueAt\":\"" + request.dueAt() + "\""
                        + (request.dueDateProvisional() ? ",\"dueDateProvisional\":true" : "")
                        + (request.filedAs() == FiledAs.ACCOUNT_HOLDER ? "" : ",\"filedAs\":\"" + request.filedAs() + "\"")
                        + (staff == null ? "" : ",\"receivedVia\":\"" + staff.receivedVia() + "\"") + "}");
        events.publishEvent(new RequestFiled(id, request.reference(), request.type(), request.verificationLevel(),
                request.dueAt(), request.reminderAt(), request.dueDateProvisional(), manualReason));
        return new FilingReceipt(request, token);
    }

    /** The original answer to a key bound to this body, filed within the idempotency window. */
    private Optional<FilingReceipt> replay(String boundKey) {
        return requests.findByIdempotencyKey(boundKey).flatMap(original -> requests.findById(original.requestId())
                .filter(request -> request.receivedAt().isAfter(time.now().minus(IDEMPOTENCY_WINDOW)))
                .map(request -> new FilingReceipt(request, tokens.derive(request.id(), original.statusTokenNonce()))));
    }

    /**
     * Why a requester's filing gets no code, if a limit says so. The account email's filings are serialised first
     * (on every node), so that the count of its open requests and this insert are one step.
     */
    private Optional<ManualVerificationReason> limitReason(String accountEmail) {
        if (!limits.serialiseFilingsForAndWrongCodeRoom(accountEmail).allowed()) {
            return Optional.of(ManualVerificationReason.ACCOUNT_WRONG_CODE_LIMIT);
        }
        if (requests.countOpenUnverified(accountEmail) >= limits.openUnverifiedPerAccount()) {
            return Optional.of(ManualVerificationReason.TOO_MANY_OPEN_REQUESTS);
        }
        return Optional.empty();
    }

    private Validated validate(IntakeCommand command) {
        RequestType type = RequestType.fromCode(command.type()).orElseThrow(() -> new InvalidRequestException(
                "UNKNOWN_TYPE", "type must be one of " + java.util.Arrays.toString(RequestType.values())));
        if (command.accountEmail() == null || !EmailAddresses.isValid(command.accountEmail().trim())) {
            throw new InvalidRequestException("INVALID_EMAIL", "accountEmail must be an email address");
        }
        String language = command.language() == null ? DEFAULT_LANGUAGE : command.language();
        if (!LANGUAGES.contains(language)) {
            throw new InvalidRequestException("INVALID_LANGUAGE", "language must be zh-CN or en");
        }
        FiledAs filedAs = filedAs(command, type);
        detailsValidator.validate(type, command.details());
        JsonNode details = command.details();
        boolean noDetails = details == null || details.isNull() || details.isEmpty();
        for (FilingRule rule : filingRules) {
            rule.check(type, EmailAddresses.normalise(command.accountEmail()), command.details(), time.now());
        }
        return new Validated(type, EmailAddresses.normalise(command.accountEmail()), language,
                noDetails ? null : details.toString(), noDetails ? null : details, filedAs,
                filedAs == FiledAs.CLOSE_RELATIVE_OF_DECEASED ? EmailAddresses.normalise(command.relativeContactEmail()) : null);
    }

    /** The rights a close relative of a deceased holder may exercise (PIPL Art. 49). */
    public static final Set<RequestType> RIGHTS_OF_RELATIVES =
            Set.of(RequestType.ACCESS, RequestType.COPY, RequestType.CORRECT, RequestType.DELETE);

    /** The relationship a filing on someone else's behalf names (docs/rights.md, "Who may file"). */
    private static FiledAs filedAs(IntakeCommand command, RequestType type) {
        if (command.onBehalfOf() == null) {
            if (command.relativeContactEmail() != null) {
                throw new InvalidRequestException("INVALID_ON_BEHALF_OF", "onBehalfOf.relationship is required");
            }
            return FiledAs.ACCOUNT_HOLDER;
        }
        FiledAs filedAs = FiledAs.fromRelationship(command.onBehalfOf()).orElseThrow(() -> new InvalidRequestException(
                "INVALID_ON_BEHALF_OF", "onBehalfOf.relationship must be GUARDIAN or CLOSE_RELATIVE_OF_DECEASED"));
        if (filedAs == FiledAs.GUARDIAN && command.relativeContactEmail() != null) {
            throw new InvalidRequestException("INVALID_ON_BEHALF_OF",
                    "A guardian's codes and notices go to the guardian's contact on file: send no contactEmail");
        }
        if (filedAs == FiledAs.CLOSE_RELATIVE_OF_DECEASED) {
            if (!RIGHTS_OF_RELATIVES.contains(type)) {
                throw new InvalidRequestException("RIGHT_NOT_OPEN_TO_RELATIVES",
                        "A close relative of a deceased account holder may ask for ACCESS, COPY, CORRECT or DELETE only");
            }
            if (command.relativeContactEmail() == null || !EmailAddresses.isValid(command.relativeContactEmail().trim())) {
                throw new InvalidRequestException("INVALID_ON_BEHALF_OF",
                        "onBehalfOf.contactEmail: a relative has no contact on file; give the address for the notices");
            }
        }
        return filedAs;
    }

    private String fingerprint(Validated valid) {
        try {
            String details = valid.detailsJson() == null ? "" :
                    canonicalJson.writeValueAsString(canonicalJson.treeToValue(canonicalJson.readTree(valid.detailsJson()), Object.class));
            return Hashing.sha256Hex(valid.type() + "\n" + valid.email() + "\n" + valid.language() + "\n" + details
                    + (valid.filedAs() == FiledAs.ACCOUNT_HOLDER ? "" : "\n" + valid.filedAs())
                    + (valid.relativeContactEmail() == null ? "" : "\n" + valid.relativeContactEmail()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Validated(RequestType type, String email, String language, String detailsJson, JsonNode details,
                             FiledAs filedAs, String relativeContactEmail) {
    }
}
