package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsflow.request.RequestType;

/**
 * A guardian reads about the minor's data, never about "your personal information" or "your account": every notice
 * that can reach a requester, rendered as the product renders it for a guardian (the guardian flag and the right's
 * guardian wording, which the outbox adds to every notice about a request sent to the guardian on file), in both
 * languages; and the account holder still reads "your".
 */
class GuardianNoticeWordingTest {

    private final NoticeTemplates templates = new NoticeTemplates();

    /** The phrases that would tell a guardian the data is theirs. */
    private static final List<String> ADDRESSING_THE_HOLDER = List.of(
            "your personal information", "your personal data", "your data", "your account", "your consent",
            "您的个人信息", "您的账号", "您的数据", "您的同意");

    private static Map<String, Object> model(RequestType type, boolean guardian, String language) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "RR-20261207-0042");
        model.put("requestType", guardian ? type.labelForGuardian(language) : type.label(language));
        model.put("requestTypeCode", type.name());
        for (String date : List.of("receivedAt", "dueAt", "previousDueAt", "expiresAt", "sentAt", "erasedAt",
                "deactivatedAt", "coolingOffEnds", "blockersDeadline", "restrictedUntil", "answerBy", "askedAt")) {
            model.put(date, "2026-12-21 10:00");
        }
        model.put("statusUrl", "http://localhost/privacy/status/RR-20261207-0042/open/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        model.put("downloadUrl", "http://localhost/privacy/downloads/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        model.put("privacyCenterUrl", "http://localhost/privacy");
        model.put("guardian", guardian);
        model.put("staffEntered", false);
        model.put("closedByStaff", false);
        model.put("secondFactor", true);
        model.put("code", "123456");
        model.put("grounds", List.of("a ground"));
        model.put("explanation", "An officer's explanation.");
        model.put("answer", "An officer's answer.");
        model.put("reason", "A reason.");
        model.put("refusedCategories", List.of("Billing data"));
        model.put("erased", List.of("Account data"));
        model.put("restricted", List.of());
        model.put("kept", List.of());
        model.put("category", "Billing data");
        model.put("purposes", List.of());
        model.put("changes", List.of());
        model.put("blockers", List.of());
        model.put("topics", List.of());
        model.put("systems", List.of());
        model.put("restrictionCategories", List.of("Billing data"));
        model.put("restrictionPurposes", List.of());
        model.put("account", "x***@example.com");
        model.put("sha256", "00");
        model.put("complaintChannels", List.of(Map.of("label", "Email", "address", "privacy@example.com")));
        model.put("complaintChannel", "Email: privacy@example.com");
        return model;
    }

    /** Every kind a requester (or a guardian in their place) may receive; staff and the transfer's recipient excluded. */
    private static List<NoticeKind> requesterKinds() {
        List<NoticeKind> kinds = new ArrayList<>();
        for (NoticeKind kind : NoticeKind.values()) {
            if (!kind.name().startsWith("STAFF_") && kind != NoticeKind.TRANSFER_PACKAGE) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void aGuardianReadsAboutTheMinorsDataNeverAboutTheirOwn(String language) {
        List<String> problems = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            for (NoticeKind kind : requesterKinds()) {
                String text = render(kind, language, model(type, true, language));
                for (String phrase : ADDRESSING_THE_HOLDER) {
                    if (text.toLowerCase().contains(phrase)) {
                        problems.add(kind + " " + type + ": \"" + phrase + "\"");
                    }
                }
            }
        }
        assertThat(problems).as("guardian notices addressing the holder").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void theGuardiansNoticesNameTheMinor(String language) {
        boolean en = language.equals("en");
        String ack = render(NoticeKind.ACKNOWLEDGEMENT, language, model(RequestType.ACCESS, true, language));
        assertThat(ack).contains(en ? "view the minor's personal information" : "您作为监护人所监护账号的个人信息");
        String code = render(NoticeKind.VERIFICATION_CODE, language, model(RequestType.DELETE, true, language));
        assertThat(code).contains(en ? "a minor's account for which you are the registered guardian"
                : "您作为监护人登记的未成年人账号");
        String erasure = render(NoticeKind.ERASURE_SUMMARY, language, model(RequestType.DELETE, true, language));
        assertThat(erasure).contains(en ? "the minor's personal information" : "未成年人的个人信息");
        String holder = render(NoticeKind.ACKNOWLEDGEMENT, language, model(RequestType.ACCESS, false, language));
        assertThat(holder).contains(en ? "view your personal information" : "为保护您的个人信息")
                .doesNotContain(en ? "minor" : "未成年人");
    }

    /**
     * Every notice to a guardian says under the greeting that it concerns a minor's account (also those whose own
     * words name no data: a withdrawal, a deadline, a pending part); the account holder's notices keep their greeting
     * and one blank line. A restriction of everything is "all personal information we hold about the minor".
     */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyNoticeToAGuardianSaysUnderTheGreetingThatItConcernsAMinorsAccount(String language) {
        boolean en = language.equals("en");
        String greeting = en ? "Hello," : "您好：";
        String headsUp = en
                ? "You receive this email as the guardian on file of a minor's account: it concerns the minor's"
                + " personal information."
                : "您作为未成年人账号登记的监护人收到本邮件：邮件涉及该未成年人的个人信息。";
        List<String> problems = new ArrayList<>();
        for (NoticeKind kind : requesterKinds()) {
            if (kind == NoticeKind.VERIFICATION_SMS) {
                continue; // a text message: one line, its own words
            }
            String toGuardian = templates.render(kind, language, model(RequestType.DELETE, true, language)).body();
            if (!toGuardian.startsWith(greeting + "\n" + headsUp + "\n\n")) {
                problems.add(kind + " to the guardian: " + toGuardian.lines().limit(3).toList());
            }
            String toHolder = templates.render(kind, language, model(RequestType.DELETE, false, language)).body();
            if (!toHolder.startsWith(greeting + "\n\n") || toHolder.startsWith(greeting + "\n\n\n")
                    || toHolder.contains(headsUp)) {
                problems.add(kind + " to the holder: " + toHolder.lines().limit(3).toList());
            }
        }
        assertThat(problems).isEmpty();

        for (NoticeKind kind : List.of(NoticeKind.RESTRICTION_APPLIED, NoticeKind.RESTRICTION_LIFTED)) {
            Map<String, Object> everything = model(RequestType.RESTRICT, true, language);
            everything.put("restrictionCategories", List.of());
            assertThat(render(kind, language, everything)).as(kind + " of everything")
                    .contains(en ? "all personal information we hold about the minor" : "我们持有的该未成年人的全部个人信息")
                    .doesNotContain("about you", "您的全部个人信息");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void aCloseRelativeReadsAboutTheDeceasedsDataAndHowToSendEvidence(String language) {
        boolean en = language.equals("en");
        List<String> problems = new ArrayList<>();
        for (RequestType type : List.of(RequestType.ACCESS, RequestType.COPY, RequestType.CORRECT, RequestType.DELETE)) {
            Map<String, Object> model = model(type, false, language);
            model.put("relative", true);
            model.put("requestType", type.labelForRelative(language));
            for (NoticeKind kind : requesterKinds()) {
                if (kind.name().startsWith("CANCELLATION_") || kind.name().startsWith("VERIFICATION_")
                        || kind.name().startsWith("TRANSFER_") || kind.name().startsWith("RESTRICTION_")
                        || kind == NoticeKind.CONSENT_WITHDRAWN || kind == NoticeKind.EXPLANATION_ANSWER) {
                    continue; // never sent for the four rights a relative may exercise, nor a code to a relative
                }
                String text = render(kind, language, model);
                for (String phrase : ADDRESSING_THE_HOLDER) {
                    if (text.toLowerCase().contains(phrase)) {
                        problems.add(kind + " " + type + ": \"" + phrase + "\"");
                    }
                }
            }
            String ack = render(NoticeKind.ACKNOWLEDGEMENT, language, model);
            assertThat(ack).contains(en ? "close relative of a deceased account holder" : "已故账号持有人近亲属",
                    en ? "at most 5 files of 10 MB" : "最多 5 个文件", en ? "No code is sent" : "不会发送验证码")
                    .doesNotContain(en ? "Enter it on the request page" : "请在请求页面输入验证码");
        }
        assertThat(problems).as("relative notices addressing the holder").isEmpty();
        Map<String, Object> erasure = model(RequestType.DELETE, false, language);
        erasure.put("relative", true);
        assertThat(render(NoticeKind.ERASURE_SUMMARY, language, erasure))
                .contains(en ? "the deceased account holder's personal information" : "已故账号持有人的个人信息");
    }

    private String render(NoticeKind kind, String language, Map<String, Object> model) {
        NoticeTemplates.Rendered rendered = templates.render(kind, language, model);
        return rendered.subject() + "\n" + rendered.body();
    }
}
