package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rightsflow.review.RefusalGround;

/**
 * Every refusal and partial refusal, in both languages, carries what PIPL Art. 50 and the privacy statement owe
 * the requester: the grounds (once each), the explanation, every complaint channel and the right to sue in a
 * people's court; it is worded as the product's answer, not as a review nobody may have made; and it cannot be
 * rendered without grounds, explanation or channel.
 */
class RefusalNoticeTemplatesTest {

    private final NoticeTemplates templates = new NoticeTemplates(ComplaintChannelsFixture.ONE_OF_EACH);

    private static Map<String, Object> model(String language, String typeCode, List<String> groundCodes) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "RR-20261206-0001");
        model.put("requestType", language.startsWith("zh") ? "删除个人信息" : "delete your personal information");
        model.put("requestTypeCode", typeCode);
        model.put("grounds", RefusalGround.describe(groundCodes, language));
        model.put("explanation", "EXPLANATION-BY-STAFF");
        model.put("refusedCategories", List.of("CATEGORY-ONE", "CATEGORY-TWO"));
        return model;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"RESULT_REFUSED, en", "RESULT_REFUSED, zh-CN", "RESULT_PARTIALLY_COMPLETED, en",
            "RESULT_PARTIALLY_COMPLETED, zh-CN"})
    void aRefusalStatesGroundsExplanationEveryChannelAndTheRightToSue(NoticeKind kind, String language) {
        boolean zh = language.startsWith("zh");
        List<String> codes = List.of("LEGAL_OBLIGATION", "EXCESSIVE_TECHNICAL_MEANS");
        String body = templates.render(kind, language, model(language, "DELETE", codes)).body();

        for (String ground : RefusalGround.describe(codes, language)) {
            assertThat(body).contains("- " + ground);
            assertThat(body.split(java.util.regex.Pattern.quote(ground), -1)).as("printed once: " + ground).hasSize(2);
        }
        assertThat(body).contains("EXPLANATION-BY-STAFF");
        assertThat(body).contains(zh ? "- 网上投诉表单：https://example.test/complaints" : "- Web form: https://example.test/complaints",
                zh ? "- 电子邮件：complaints@example.test" : "- Email: complaints@example.test",
                zh ? "- 邮寄地址：北京市海淀区测试路 2 号" : "- Postal address: 2 Test Road, Beijing");
        assertThat(body).contains(zh ? "依法向人民法院提起诉讼" : "the right to bring a lawsuit before a people's court");
        assertThat(body).as("the product's answer, not a claimed review").doesNotContain("经审核", "After review",
                "after review");
        assertThat(body).as("we write as ourselves").doesNotContain("个人信息处理者");
        assertThat(body).doesNotContain("[(", "${", "null");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"RESULT_REFUSED, en", "RESULT_REFUSED, zh-CN", "RESULT_PARTIALLY_COMPLETED, en",
            "RESULT_PARTIALLY_COMPLETED, zh-CN"})
    void whatARefusalKeptAndRestrictedIsNamedWithTheRestriction(NoticeKind kind, String language) {
        boolean zh = language.startsWith("zh");
        String sentence = zh ? "以下个人信息类别因删除需要过多技术手段或非常不切实际而未予删除，我们已对其限制处理（今后仅作存储和必要的安全保护，不作其他任何处理）："
                : "We have restricted these categories of your personal information, because deleting them would need"
                + " excessive technical means or is impractical (from now on we only store them and keep them secure,"
                + " and use them for nothing else):";
        Map<String, Object> restricted = model(language, "DELETE", List.of("IMPRACTICAL"));
        restricted.put("restrictedCategories", List.of("KEPT-CATEGORY-ONE", "KEPT-CATEGORY-TWO"));
        String body = templates.render(kind, language, restricted).body();
        assertThat(body).contains(sentence + "\n- KEPT-CATEGORY-ONE\n- KEPT-CATEGORY-TWO\n");
        assertThat(body.indexOf(sentence)).as("after the explanation, before the complaint channels")
                .isGreaterThan(body.indexOf("EXPLANATION-BY-STAFF"))
                .isLessThan(body.indexOf(zh ? "如对本答复有异议" : "If you disagree"));
        assertThat(body).doesNotContain("[(", "${", "null");

        Map<String, Object> nothingRestricted = model(language, "DELETE", List.of("LEGAL_OBLIGATION"));
        nothingRestricted.put("restrictedCategories", List.of());
        assertThat(templates.render(kind, language, nothingRestricted).body()).doesNotContain(sentence, "KEPT-CATEGORY",
                zh ? "限制处理" : "restricted");
        assertThat(templates.render(kind, language, model(language, "ACCESS", List.of("TRADE_SECRET"))).body())
                .as("without the value at all").doesNotContain(sentence, zh ? "限制处理" : "restricted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "zh-CN"})
    void aPartialRefusalNamesTheRefusedCategoriesAsRefusedNotAsOutOfScope(String language) {
        boolean zh = language.startsWith("zh");
        String deletion = templates.render(NoticeKind.RESULT_PARTIALLY_COMPLETED, language,
                model(language, "DELETE", List.of("IMPRACTICAL"))).body();
        assertThat(deletion).contains(zh ? "以下个人信息类别未予删除：" : "These categories of your personal information were not deleted",
                "- CATEGORY-ONE\n", "- CATEGORY-TWO\n");
        assertThat(deletion).doesNotContain("处理范围", "left out of your request");
        String access = templates.render(NoticeKind.RESULT_PARTIALLY_COMPLETED, language,
                model(language, "ACCESS", List.of("TRADE_SECRET"))).body();
        assertThat(access).contains(zh ? "以下个人信息类别未予处理：" : "We did not act on your request for these categories");
        Map<String, Object> noCategories = model(language, "ACCESS", List.of("TRADE_SECRET"));
        noCategories.put("refusedCategories", List.of());
        assertThat(templates.render(NoticeKind.RESULT_PARTIALLY_COMPLETED, language, noCategories).body())
                .doesNotContain("CATEGORY-ONE", "未予处理：", "for these categories");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"RESULT_REFUSED, en", "RESULT_REFUSED, zh-CN", "RESULT_PARTIALLY_COMPLETED, en",
            "RESULT_PARTIALLY_COMPLETED, zh-CN"})
    void aRefusalWithoutGroundsExplanationOrChannelIsNeverRendered(NoticeKind kind, String language) {
        assertThatThrownBy(() -> templates.render(kind, language, model(language, "DELETE", List.of())))
                .hasMessageContaining("without grounds");
        Map<String, Object> blankGround = model(language, "DELETE", List.of());
        blankGround.put("grounds", List.of(" "));
        assertThatThrownBy(() -> templates.render(kind, language, blankGround)).hasMessageContaining("without grounds");
        Map<String, Object> noGroundsAtAll = model(language, "DELETE", List.of());
        noGroundsAtAll.remove("grounds");
        assertThatThrownBy(() -> templates.render(kind, language, noGroundsAtAll)).hasMessageContaining("without grounds");
        Map<String, Object> noExplanation = model(language, "DELETE", List.of("REPETITIVE"));
        noExplanation.put("explanation", "");
        assertThatThrownBy(() -> templates.render(kind, language, noExplanation))
                .hasMessageContaining("without an explanation");
        assertThatThrownBy(() -> new NoticeTemplates().render(kind, language, model(language, "DELETE",
                List.of("REPETITIVE")))).hasMessageContaining("without a complaint channel");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "zh-CN"})
    void theGroundsReadAsWhatTheyMean(String language) {
        boolean zh = language.startsWith("zh");
        assertThat(RefusalGround.LEGAL_OBLIGATION.plainWords(language))
                .isEqualTo(zh ? "与我们履行法律法规规定的义务相关" : "it relates to our obligations under laws and regulations");
        // no ground was stated: that is what the product knows; it does not claim that none applies
        assertThat(RefusalGround.DELETION_GROUND_MISSING.plainWords(language))
                .isEqualTo(zh ? "请求中未说明任何法定的删除情形" : "the request did not state any of the legal grounds for deletion");
        for (RefusalGround ground : RefusalGround.values()) {
            assertThat(ground.plainWords(language)).as(ground.name()).isNotBlank().doesNotContain("个人信息处理者");
        }
    }
}
