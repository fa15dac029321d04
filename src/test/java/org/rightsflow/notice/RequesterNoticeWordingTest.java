package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rightsflow.request.RequestType;

/**
 * The requester's notices say what happened, for each actor they may speak to (the account holder, a guardian
 * about a minor's account, a request staff entered) and each outcome, in both languages: an acknowledgement asks
 * for a code only when one is sent; a closure says whether staff could not verify or 7 days passed; a completion
 * mentions a download only for rights whose result is a file; the cooling-off notice points to the page's button;
 * result links open the download page.
 */
class RequesterNoticeWordingTest {

    private final NoticeTemplates templates = new NoticeTemplates();

    private static Map<String, Object> model(String typeCode, boolean guardian, boolean staffEntered,
                                             boolean closedByStaff) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "RR-20261206-0042");
        model.put("requestType", typeCode.toLowerCase());
        model.put("requestTypeCode", typeCode);
        model.put("receivedAt", "2026-12-06 10:00");
        model.put("dueAt", "2026-12-21 10:00");
        model.put("expiresAt", "2026-12-13 10:00");
        model.put("coolingOffEnds", "2026-12-13 10:00");
        model.put("statusUrl", "http://localhost/privacy/status/RR-20261206-0042/open/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        model.put("downloadUrl", "http://localhost/privacy/downloads/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        model.put("guardian", guardian);
        model.put("staffEntered", staffEntered);
        model.put("closedByStaff", closedByStaff);
        model.put("grounds", List.of());
        model.put("explanation", "");
        model.put("refusedCategories", List.of());
        model.put("complaintChannels", List.of(Map.of("label", "Email", "address", "privacy@example.com")));
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyActorAndOutcomeGetsItsOwnWords(String language) {
        boolean en = language.equals("en");
        for (RequestType type : RequestType.values()) {
            for (boolean guardian : new boolean[] {false, true}) {
                for (boolean staffEntered : new boolean[] {false, true}) {
                    for (boolean byStaff : new boolean[] {false, true}) {
                        Map<String, Object> model = model(type.name(), guardian, staffEntered, byStaff);
                        for (NoticeKind kind : List.of(NoticeKind.ACKNOWLEDGEMENT, NoticeKind.CLOSED_UNVERIFIED,
                                NoticeKind.WITHDRAWN, NoticeKind.RESULT_COMPLETED, NoticeKind.DOWNLOAD_READY,
                                NoticeKind.CANCELLATION_COOLING_OFF, NoticeKind.CANCELLATION_REVOKED)) {
                            NoticeTemplates.Rendered r = templates.render(kind, language, model);
                            String what = kind + " " + type + " guardian=" + guardian + " staff=" + staffEntered;
                            assertThat(r.subject()).as(what).contains("RR-20261206-0042");
                            assertThat(r.body()).as(what).contains("RR-20261206-0042").doesNotContain("[(", "${", "[#")
                                    .doesNotContain("/api/");
                        }
                        String ack = templates.render(NoticeKind.ACKNOWLEDGEMENT, language, model).body();
                        if (staffEntered) {
                            assertThat(ack).as("no code is sent for a staff-entered request")
                                    .contains(en ? "no code is sent and you do not need to enter one" : "不会发送验证码")
                                    .doesNotContain(en ? "Enter it on the request page" : "请在请求页面输入验证码");
                        } else {
                            assertThat(ack).contains(en ? "Enter it on the request page" : "请在请求页面输入验证码");
                            assertThat(ack).contains(guardian
                                    ? (en ? "the account you are the guardian of" : "您作为监护人所监护账号的个人信息")
                                    : (en ? "to protect your personal information" : "为保护您的个人信息"));
                        }
                        String closed = templates.render(NoticeKind.CLOSED_UNVERIFIED, language, model).body();
                        assertThat(closed).contains(byStaff
                                ? (en ? "our staff could not verify" : "我们的工作人员无法核实")
                                : (en ? "not verified within 7 days" : "7 天内未完成身份验证"));
                        assertThat(closed).doesNotContain(byStaff ? "7" : (en ? "our staff" : "工作人员"));
                        String completed = templates.render(NoticeKind.RESULT_COMPLETED, language, model).body();
                        boolean file = type == RequestType.ACCESS || type == RequestType.COPY;
                        assertThat(completed.contains(en ? "The result is a file" : "结果为文件"))
                                .as("a download is mentioned only where the result is a file: " + type).isEqualTo(file);
                    }
                }
            }
        }
        Map<String, Object> any = model("CANCEL_ACCOUNT", false, false, false);
        assertThat(templates.render(NoticeKind.CANCELLATION_COOLING_OFF, language, any).body())
                .contains(en ? "press \"Revoke the cancellation\"" : "点击“撤销账号注销”",
                        "/privacy/status/RR-20261206-0042/open/");
        assertThat(templates.render(NoticeKind.DOWNLOAD_READY, language, any).body())
                .contains("/privacy/downloads/", en ? "nothing is downloaded until you press its button" : "点击页面上的按钮后才会下载");
    }
}
