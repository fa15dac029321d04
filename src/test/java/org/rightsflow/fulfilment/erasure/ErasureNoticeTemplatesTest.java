package org.rightsflow.fulfilment.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.NoticeTemplates;

/** The erasure and cancellation notices render in both languages with the models their services build. */
class ErasureNoticeTemplatesTest {

    private final NoticeTemplates templates = new NoticeTemplates();

    private static final Map<String, Object> MODEL = Map.of(
            "reference", "RR-20261129-0007",
            "statusUrl", "http://localhost/privacy/status/RR-20261129-0007",
            "erased", List.of("Account data", "Support"),
            "restricted", List.of(Map.of("category", "Payment data", "until", "2029-11-29 10:00",
                    "basis", "E-Commerce Law Art. 31", "partlyErased", false)),
            "category", "Operation logs",
            "erasedAt", "2027-06-01 10:00",
            "blockers", List.of("Unpaid bills: 1 (pay them)"),
            "blockersDeadline", "2026-12-06 10:00",
            "coolingOffEnds", "2026-12-06 10:00",
            "account", "l*****@example.com");

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyNoticeRendersWithASubjectAndTheReference(String language) {
        for (NoticeKind kind : List.of(NoticeKind.ERASURE_SUMMARY, NoticeKind.DEFERRED_DELETION_COMPLETED,
                NoticeKind.CANCELLATION_BLOCKED, NoticeKind.CANCELLATION_COOLING_OFF, NoticeKind.CANCELLATION_REVOKED,
                NoticeKind.CANCELLATION_CERTIFICATE)) {
            NoticeTemplates.Rendered rendered = templates.render(kind, language, MODEL);
            assertThat(rendered.subject()).as(kind.name()).contains("RR-20261129-0007");
            assertThat(rendered.body()).as(kind.name()).contains("RR-20261129-0007").doesNotContain("[(", "${");
        }
        NoticeTemplates.Rendered summary = templates.render(NoticeKind.ERASURE_SUMMARY, language, MODEL);
        assertThat(summary.body()).contains("Account data", "Payment data", "2029-11-29 10:00", "E-Commerce Law Art. 31");
        assertThat(summary.body()).as("nothing kept by a review, no such block").doesNotContain("Real-name", "实名");
        Map<String, Object> partial = new java.util.HashMap<>(MODEL);
        partial.put("kept", List.of("Real-name verification data"));
        String keptBlock = templates.render(NoticeKind.ERASURE_SUMMARY, language, partial).body();
        assertThat(keptBlock).contains("- Real-name verification data")
                .contains(language.equals("en") ? "Not deleted, because the review" : "经审核未予删除");
        assertThat(keptBlock).as("kept for a legal reason: not said to be restricted")
                .doesNotContain("restricted them", "已限制对其的处理");
        Map<String, Object> keptRestricted = new java.util.HashMap<>(partial);
        keptRestricted.put("keptRestricted", true);
        String en = "Because deleting them would need excessive technical means or is impractical, we have restricted"
                + " them: from now on we only store them and keep them secure, and use them for nothing else.";
        String zh = "由于删除上述信息需要过多技术手段或非常不切实际，我们已限制对其的处理：今后仅作存储和必要的安全保护，不作其他任何处理。";
        for (NoticeKind kind : List.of(NoticeKind.ERASURE_SUMMARY, NoticeKind.CANCELLATION_CERTIFICATE)) {
            assertThat(templates.render(kind, language, keptRestricted).body()).as(kind.name())
                    .contains("- Real-name verification data", language.equals("en") ? en : zh);
        }
        Map<String, Object> partlyPast = new java.util.HashMap<>(MODEL);
        partlyPast.put("restricted", List.of(Map.of("category", "Operation logs", "until", "2027-06-01 10:00",
                "basis", "Cybersecurity Law Art. 21", "partlyErased", true)));
        for (NoticeKind kind : List.of(NoticeKind.ERASURE_SUMMARY, NoticeKind.CANCELLATION_CERTIFICATE)) {
            assertThat(templates.render(kind, language, partlyPast).body()).as(kind.name())
                    .contains(language.equals("en")
                            ? "- Operation logs: until 2027-06-01 10:00 (Beijing time) at the latest (Cybersecurity Law"
                            + " Art. 21); its records already past that period were deleted now"
                            : "- Operation logs：最迟至 2027-06-01 10:00（北京时间）（依据：Cybersecurity Law Art. 21）"
                            + "；其中已超过保存期限的记录已立即删除");
            assertThat(templates.render(kind, language, MODEL).body()).as("wholly retained: no such words")
                    .doesNotContain("past that period were deleted", "已超过保存期限的记录已立即删除");
        }
        NoticeTemplates.Rendered certificate = templates.render(NoticeKind.CANCELLATION_CERTIFICATE, language, MODEL);
        assertThat(certificate.body()).contains("l*****@example.com", "Support", "Payment data", "2029-11-29 10:00");
        assertThat(certificate.body()).as("nothing kept by a review, no such block").doesNotContain("Real-name", "实名");
        assertThat(templates.render(NoticeKind.CANCELLATION_CERTIFICATE, language, partial).body())
                .as("the certificate names what a partial refusal kept").contains("- Real-name verification data")
                .contains(language.equals("en") ? "Not deleted, because the review" : "经审核未予删除");
        assertThat(templates.render(NoticeKind.CANCELLATION_BLOCKED, language, MODEL).body())
                .contains("Unpaid bills: 1", "2026-12-06 10:00");
    }
}
