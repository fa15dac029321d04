package org.rightsflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.rightsflow.demo.DemoAccounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.PersonalDataScan.Finder;
import org.rightsflow.support.PersonalDataScan.Needle;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.rightsflow.support.TestRunLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 9 item 5: after the whole suite (this class runs last, junit-platform.properties), the personal data of every
 * account still in the account tables (the demo accounts and those the tests inserted: emails, phones, names, ID
 * numbers) appears nowhere it does not belong: not in any engine table (runtime, history, byte arrays), not in any log
 * line of the run, not in a mail's subject, headers or links, and in a mail's body only if the mail went to that
 * account (its email, its guardian's, its phone's demo SMS address). Failures name the place and the kind of data,
 * never the value.
 */
@Order(Integer.MAX_VALUE)
class PersonalDataAfterTheSuiteTest extends PostgresIntegrationTest {

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private static boolean filed;
    /** Typed by a requester into a correction and a transfer when this class runs alone: markup, as an attacker types. */
    static final String TYPED_VALUE = "# URGENT: APPLY [ok](https://evil.example/scan) <b>now</b>";
    static final String TYPED_RECIPIENT = "Phisher Recipient <script>alert(1)</script> Ltd";
    static final String TYPED_QUESTION = "## Why do you keep [my data](https://evil.example/q)? <img src=x onerror=alert(1)>";
    private Finder finder;
    private List<Needle> needles;

    /** Run on its own, the class still has a request's engine data, log lines and mail to scan. */
    @BeforeEach
    void somethingToScanAndTheNeedles() {
        if (!filed) {
            RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
            RequesterJourney.Filed request = requester.fileAndVerify("ACCESS", DemoAccounts.LI_LEI, DemoAccounts.LI_LEI, null);
            requester.awaitStatus(request, "COMPLETED");
            // text a requester typed, on its way through the engine: a correction at its review (masked rows in a
            // task-local variable), a transfer verified
            RequesterJourney.Filed correction = requester.fileAndVerify("CORRECT", DemoAccounts.LI_LEI,
                    DemoAccounts.LI_LEI, Map.of("corrections", List.of(Map.of("field", "invoiceAddress", "value", TYPED_VALUE))));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                    select count(*) from act_ru_task t join act_ru_execution e on e.proc_inst_id_ = t.proc_inst_id_
                    where e.business_key_ = ? and t.task_def_key_ = 'Task_ReviewCorrection'""", Integer.class,
                    correction.reference()) > 0);
            requester.fileAndVerify("TRANSFER", DemoAccounts.LI_LEI, DemoAccounts.LI_LEI,
                    Map.of("recipientName", TYPED_RECIPIENT, "recipientEmail", "phisher.recipient@evil.example"));
            // an EXPLAIN question, waiting at the officer's answer task
            RequesterJourney.Filed question = requester.fileAndVerify("EXPLAIN", DemoAccounts.LI_LEI, DemoAccounts.LI_LEI,
                    Map.of("question", TYPED_QUESTION));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                    select count(*) from act_ru_task t join act_ru_execution e on e.proc_inst_id_ = t.proc_inst_id_
                    where e.business_key_ = ? and t.task_def_key_ = 'Task_AnswerQuestion'""", Integer.class,
                    question.reference()) > 0);
            filed = true;
        }
        needles = PersonalDataScan.personalDataOfEveryAccount(jdbc);
        finder = new Finder(needles);
        assertThat(needles).extracting(Needle::kind).contains(PersonalDataScan.Kind.EMAIL, PersonalDataScan.Kind.PHONE,
                PersonalDataScan.Kind.NAME, PersonalDataScan.Kind.ID_NUMBER);
        assertThat(finder.in("sent to li.lei%40example.com via sms+8613800000001@demo.invalid"))
                .as("the finder sees an encoded email and a phone in an address").hasSize(2);
    }

    @Test
    void noEngineTableHoldsPersonalData() {
        Set<String> hits = PersonalDataScan.engineTableHits(jdbc, finder);
        assertThat(hits).as("engine columns holding personal data of %d values scanned", finder.size()).isEmpty();
    }

    @Test
    void noEngineTableAndNoLogLineHoldsTextARequesterTyped() {
        List<Needle> typed = PersonalDataScan.textRequestersTyped(jdbc);
        assertThat(typed).extracting(Needle::kind).as("corrections, transfers and questions were filed")
                .contains(PersonalDataScan.Kind.TYPED_TEXT, PersonalDataScan.Kind.EMAIL);
        assertThat(typed).extracting(Needle::value).as("an EXPLAIN question is among them")
                .anyMatch(value -> value.contains("Why do you keep"));
        Finder typedFinder = new Finder(typed);
        assertThat(PersonalDataScan.engineTableHits(jdbc, typedFinder))
                .as("engine columns holding text requesters typed, of %d values scanned", typedFinder.size()).isEmpty();
        assertThat(PersonalDataScan.logHits(TestRunLog.file(), typedFinder)).as("log lines holding text requesters typed")
                .isEmpty();
    }

    @Test
    void noLogLineOfTheRunHoldsPersonalData() throws IOException {
        Path log = TestRunLog.file();
        assertThat(log).as("the run's log file (logback-test.xml)").exists();
        try (var lines = Files.lines(log)) {
            assertThat(lines.anyMatch(l -> l.contains("Started ") || l.contains("ENGINE-"))).as("it holds the run's logs")
                    .isTrue();
        }
        assertThat(PersonalDataScan.logHits(log, finder)).as("log lines holding personal data").isEmpty();
    }

    @Test
    void mailCarriesPersonalDataOnlyInTheBodyOfMailToItsOwner() {
        Map<String, Set<Long>> owners = PersonalDataScan.accountsByAddress(jdbc);
        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> notices = jdbc.queryForList(
                "select id, kind, recipient, subject, body from notice_outbox order by created_at");
        assertThat(notices).isNotEmpty();
        for (Map<String, Object> notice : notices) {
            String where = "notice " + notice.get("id") + " (" + notice.get("kind") + ")";
            String body = (String) notice.get("body");
            finder.in((String) notice.get("subject")).forEach(n -> hits.add(where + " subject: " + n.kind()));
            for (String url : urls(body)) {
                finder.in(url).forEach(n -> hits.add(where + " link: " + n.kind()));
            }
            String recipient = (String) notice.get("recipient");
            if (recipient == null) {
                // a closed request's notice whose records were reduced after the history's TTL: no address, no body
                assertThat(body).as(where + ": reduced, so its body is gone too").isNull();
                continue;
            }
            Set<Long> recipientIs = owners.getOrDefault(recipient.toLowerCase(Locale.ROOT), Set.of());
            for (Needle needle : finder.in(body)) {
                if (Collections.disjoint(needle.owners(), recipientIs)) {
                    hits.add(where + " body: " + needle.kind() + " of an account the recipient is not");
                }
            }
        }
        MimeMessage[] received = TestInfrastructure.mail().getReceivedMessages();
        assertThat(received).isNotEmpty();
        for (MimeMessage message : received) {
            try {
                String where = "mail " + message.getMessageID();
                finder.in(message.getSubject()).forEach(n -> hits.add(where + " subject: " + n.kind()));
                Enumeration<Header> headers = message.getAllHeaders();
                while (headers.hasMoreElements()) {
                    Header header = headers.nextElement();
                    // the recipient's own address is where the mail goes; the subject was decoded above
                    if (!Set.of("to", "subject", "received", "return-path").contains(header.getName().toLowerCase(Locale.ROOT))) {
                        finder.in(header.getValue()).forEach(n -> hits.add(where + " header " + header.getName() + ": "
                                + n.kind()));
                    }
                }
                String content = String.valueOf(message.getContent());
                for (String url : urls(content)) {
                    finder.in(url).forEach(n -> hits.add(where + " link: " + n.kind()));
                }
            } catch (MessagingException | IOException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(hits).as("personal data in mail outside the body of mail to its owner").isEmpty();
    }

    private static List<String> urls(String text) {
        List<String> urls = new ArrayList<>();
        if (text != null) {
            Matcher m = URL.matcher(text);
            while (m.find()) {
                urls.add(m.group());
            }
        }
        return urls;
    }
}
