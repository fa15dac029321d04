package org.rightsflow.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rightsflow.review.StaffHttp;
import org.rightsflow.support.Accounts;
import org.rightsflow.support.Api;
import org.rightsflow.support.AuditWaits;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff pages' sign-in is the Camunda webapps' session (either way round), HTTP Basic keeps working for the API,
 * every group gets exactly its pages, bad filters are 400 on the page and in the API, and an account search never
 * puts the email in a URL.
 */
class StaffRegisterPagesTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void signingInOnTheStaffPagesSignsInToTheWebappsAndTheOtherWayRound() {
        StaffBrowserSession browser = new StaffBrowserSession(port);
        StaffBrowserSession.Page anonymous = browser.get("/staff/requests?status=IN_REVIEW");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/staff/login?next=%2Fstaff%2Frequests%3Fstatus%3DIN_REVIEW");

        // An unknown user, not a demo user with a wrong password: the engine would lock "officer" for a few seconds
        // after it (its login delay), and the next test signing in as the officer would find itself signed out.
        StaffBrowserSession.Page wrong = browser.submit("/staff/login", "/staff/login",
                Map.of("username", "nosuchstaff", "password", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("id=\"login-failed\"");

        StaffBrowserSession.Page signedIn = browser.submit("/staff/login", "/staff/login",
                Map.of("username", "auditor", "password", "auditor", "next", "/staff/requests?status=IN_REVIEW"));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/staff/requests?status=IN_REVIEW");
        assertThat(browser.get("/staff/requests").body()).contains("id=\"register-table\"").contains(">auditor<");
        StaffBrowserSession.Page webapps = browser.get("/camunda/api/admin/auth/user/default");
        assertThat(webapps.status()).as("Cockpit sees the same sign-in").isEqualTo(200);
        assertThat(webapps.body()).contains("\"userId\":\"auditor\"");

        StaffBrowserSession.Page signedOut = browser.submit("/staff/requests", "/staff/logout", Map.of());
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(browser.get("/staff/requests").status()).isEqualTo(302);
        assertThat(browser.get("/camunda/api/admin/auth/user/default").status()).isEqualTo(404);

        StaffBrowserSession cockpitFirst = new StaffBrowserSession(port);
        assertThat(cockpitFirst.signInToCockpit("auditor").status()).isEqualTo(200);
        assertThat(cockpitFirst.get("/staff/requests").status()).as("signed in through Cockpit").isEqualTo(200);

        StaffBrowserSession.Page noToken = browser.post("/staff/login", Map.of("username", "auditor", "password", "auditor"));
        assertThat(noToken.status()).as("a form without its token").isEqualTo(403);
        assertThat(browser.get("/staff/login?next=https://evil.example/").body()).contains("name=\"next\" value=\"/staff\"");
    }

    @Test
    void eachGroupGetsItsPagesAndNoMore() {
        for (String user : new String[] {"intake", "officer", "legal", "auditor"}) {
            StaffBrowserSession browser = new StaffBrowserSession(port);
            browser.signIn(user);
            assertThat(browser.get("/staff/requests").status()).as(user).isEqualTo(200);
            assertThat(StaffHttp.as(port, user).get("/staff/api/requests").status()).as(user).isEqualTo(200);
        }
        for (String user : new String[] {"operator", "admin", "prometheus"}) {
            StaffBrowserSession browser = new StaffBrowserSession(port);
            browser.signIn(user);
            StaffBrowserSession.Page page = browser.get("/staff/requests");
            assertThat(page.status()).as(user).isEqualTo(403);
            assertThat(page.body()).contains("FORBIDDEN");
            StaffHttp.Response api = StaffHttp.as(port, user).get("/staff/api/requests");
            assertThat(api.status()).as(user).isEqualTo(403);
            assertThat(api.json().get("code").asText()).isEqualTo("FORBIDDEN");
        }
        assertThat(StaffHttp.anonymous(port).get("/staff/api/requests").status()).isEqualTo(401);
    }

    @Test
    void badFiltersAre400WithAMessageOnThePageAndInTheApi() {
        StaffBrowserSession browser = new StaffBrowserSession(port);
        browser.signIn("officer");
        StaffHttp officer = StaffHttp.as(port, "officer");
        Map<String, String> cases = Map.of(
                "dueFrom=2026-02-30", "BAD_DATE",
                "dueFrom=2026-03-01&dueTo=2026-02-01", "BAD_DATE_RANGE",
                "status=SLEEPING", "UNKNOWN_STATUS",
                "type=EVERYTHING", "UNKNOWN_TYPE",
                "size=101", "PAGE_SIZE_TOO_LARGE",
                "page=zero", "BAD_NUMBER",
                "overdue=maybe", "BAD_FLAG",
                "reference=RR%3Cscript%3E", "BAD_REFERENCE");
        cases.forEach((query, code) -> {
            StaffBrowserSession.Page page = browser.get("/staff/requests?" + query);
            assertThat(page.status()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("id=\"filter-error\"").contains(code).doesNotContain("<script>");
            StaffHttp.Response api = officer.get("/staff/api/requests?" + query);
            assertThat(api.status()).as(query).isEqualTo(400);
            assertThat(api.contentType()).startsWith("application/problem+json");
            assertThat(api.json().get("code").asText()).as(query).isEqualTo(code);
        });
        assertThat(officer.get("/staff/api/requests?accountEmail=li.lei@example.com").json().get("code").asText())
                .isEqualTo("EMAIL_IN_URL");
        assertThat(officer.post("/staff/api/requests/search", "{\"accountEmail\":\"not an email\"}").json()
                .get("code").asText()).isEqualTo("BAD_EMAIL");
        assertThat(officer.post("/staff/api/requests/search", "{\"colour\":\"red\"}").json().get("code").asText())
                .isEqualTo("UNKNOWN_FIELD");
    }

    @Test
    void anAccountIsFoundByItsExactEmailWhichNeverAppearsInAUrl() {
        String email = "register-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Register Account").insert(jdbc);
        RequesterJourney requester = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()));
        String first = requester.file("ACCESS", email, null).reference();
        String second = requester.file("COPY", email.toUpperCase(), null).reference();

        StaffBrowserSession browser = new StaffBrowserSession(port);
        browser.signIn("legal");
        StaffBrowserSession.Page lookup = browser.submit("/staff/requests", "/staff/requests/lookup",
                Map.of("accountEmail", email));
        assertThat(lookup.status()).isEqualTo(302);
        assertThat(lookup.location()).contains("account=").doesNotContain("example.com").doesNotContain("%40");
        StaffBrowserSession.Page found = browser.get(lookup.location().replaceFirst("^https?://[^/]+", ""));
        assertThat(found.body()).contains(first).contains(second).contains("2 ")
                .doesNotContain(email).doesNotContain(email.toUpperCase());

        StaffHttp.Response api = StaffHttp.as(port, "legal").post("/staff/api/requests/search",
                Api.json(Map.of("accountEmail", email, "type", "COPY")));
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(api.json().get("total").asLong()).isEqualTo(1);
        assertThat(api.json().get("rows").get(0).get("reference").asText()).isEqualTo(second);
        assertThat(api.body()).doesNotContain(email);

        StaffBrowserSession other = new StaffBrowserSession(port);
        other.signIn("legal");
        assertThat(other.get(lookup.location().replaceFirst("^https?://[^/]+", "")).body())
                .as("the key means nothing in another session").contains("id=\"lookup-expired\"").doesNotContain(first);
    }

    @Test
    void anOfficerSendsARequestToReviewAndPausesItsClockFromItsPage() {
        String email = "refer-" + System.nanoTime() + "@example.com";
        Accounts.account(email).displayName("Referral Account").insert(jdbc);
        String reference = new RequesterJourney(new Api(port), new Mailbox(TestInfrastructure.mail()))
                .file("ACCESS", email, null).reference();
        String page = "/staff/requests/" + reference;

        StaffBrowserSession legal = new StaffBrowserSession(port);
        legal.signIn("legal");
        assertThat(legal.get(page + "?lang=en").body()).doesNotContain("id=\"review-form\"").doesNotContain("id=\"pause-form\"");
        assertThat(legal.submit(page, page + "/review", Map.of("reason", "x")).status()).isEqualTo(403);

        StaffBrowserSession officer = new StaffBrowserSession(port);
        officer.signIn("officer");
        assertThat(officer.get(page).body()).contains("id=\"review-form\"").contains("id=\"pause-form\"");
        StaffBrowserSession.Page empty = officer.submit(page, page + "/review", Map.of("reason", " "));
        assertThat(officer.get(empty.location().replaceFirst("^https?://[^/]+", "") + "?lang=en").body())
                .contains("id=\"action-error\"").contains("Give a reason.");
        StaffBrowserSession.Page referred = officer.submit(page, page + "/review",
                Map.of("reason", "A phone call revealed a possible exemption."));
        assertThat(referred.status()).isEqualTo(302);
        assertThat(officer.get(page + "?lang=en").body()).contains("id=\"action-done\"");
        AuditWaits.awaitChained(jdbc);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where reference = ? and action = "
                + "'REFERRED_TO_REVIEW' and actor = 'officer'", Long.class, reference)).isEqualTo(1);

        officer.submit(page, page + "/clock", Map.of("action", "pause", "reason", "Waiting for the requester to clarify."));
        assertThat(jdbc.queryForObject("select status from rights_request where reference = ?", String.class, reference))
                .isEqualTo("WAITING_FOR_REQUESTER");
        assertThat(officer.get(page).body()).contains("id=\"resume-form\"");
        officer.submit(page, page + "/clock", Map.of("action", "resume", "reason", ""));
        assertThat(jdbc.queryForList("select e.kind from deadline_event e join rights_request r on r.id = e.request_id"
                + " where r.reference = ? order by e.id", String.class, reference)).containsExactly("PAUSED", "RESUMED");
    }
}
