package org.rightsflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

/** Filing and verifying as a requester does, reading the code from the email that really arrived. */
public final class RequesterJourney {

    private final Api api;
    private final Mailbox mailbox;

    public RequesterJourney(Api api, Mailbox mailbox) {
        this.api = api;
        this.mailbox = mailbox;
    }

    public record Filed(String reference, String token) {
    }

    public Filed file(String type, String email, Map<String, Object> details) {
        Map<String, Object> body = details == null ? Map.of("type", type, "accountEmail", email, "language", "en")
                : Map.of("type", type, "accountEmail", email, "language", "en", "details", details);
        Api.Response response = api.post("/api/requests", Api.json(body));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return new Filed(response.json().get("reference").asText(), response.json().get("statusToken").asText());
    }

    /** Files and verifies with the code sent to {@code codeRecipient} (the contact on file). */
    public Filed fileAndVerify(String type, String email, String codeRecipient, Map<String, Object> details) {
        return verify(file(type, email, details), codeRecipient);
    }

    /** Verifies a filed request with the code sent to {@code codeRecipient} (the contact on file). */
    public Filed verify(Filed filed, String codeRecipient) {
        String code = Mailbox.codeIn(mailbox.awaitOne(codeRecipient, "VERIFICATION_CODE", filed.reference()));
        Api.Response verified = api.post("/api/requests/" + filed.reference() + "/verification",
                Api.json(Map.of("code", code)), "X-Status-Token", filed.token());
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        if (verified.json().has("pendingFactors")) {
            // level 2 (sensitive data, guardians, account cancellation): the second code came by text message,
            // which the default SMS channel delivers as an email to sms+<digits of the phone on file>@demo.invalid
            // The suite's second application context shares the mail server and numbers its references from 1 too, so
            // a text message of the same reference may be the other context's: the one that verifies is this request's.
            java.util.Set<String> tried = new java.util.HashSet<>();
            Api.Response[] answer = new Api.Response[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (Mailbox.Mail message : textMessages(filed)) {
                    String textCode = Mailbox.codeIn(message);
                    if (tried.add(textCode)) {
                        answer[0] = api.post("/api/requests/" + filed.reference() + "/verification",
                                Api.json(Map.of("code", textCode)), "X-Status-Token", filed.token());
                        if (answer[0].status() == 200) {
                            return true;
                        }
                    }
                }
                return false;
            });
            Api.Response second = answer[0];
            assertThat(second.status()).as(second.text()).isEqualTo(200);
            assertThat(second.json().has("pendingFactors")).as(second.text()).isFalse();
        }
        return filed;
    }

    private java.util.List<Mailbox.Mail> textMessages(Filed filed) {
        return mailbox.all().stream().filter(m -> m.to().startsWith("sms+") && m.kind().equals("VERIFICATION_SMS")
                && m.body().contains(filed.reference())).toList();
    }

    public String status(Filed filed) {
        return api.get("/api/requests/" + filed.reference(), "X-Status-Token", filed.token()).json().get("status").asText();
    }

    public void awaitStatus(Filed filed, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(status(filed)));
    }
}
