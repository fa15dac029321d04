package org.rightsflow.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rightsflow.datamap.CorrectableField;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.LocalizedText;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.fulfilment.correction.CorrectionChoices;
import org.rightsflow.fulfilment.download.DownloadService;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.notice.ComplaintChannels;
import org.rightsflow.request.ClarificationService;
import org.rightsflow.request.RequestIntakeService;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequesterContacts;
import org.rightsflow.request.StatusLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.rightsflow.support.WebSlice;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The Privacy Center's form alone (an MVC slice with the real templates and messages, no engine, no database): the
 * page speaks zh-CN by default and English on request, and a form with a bad address is shown again with the
 * problem named and everything typed, while nothing is filed. The form is bound and validated by Spring
 * ({@link RequestForm}): each kind of rule, a value of the wrong type included, gives the bundles' message in both
 * languages on the form shown again (422), one per field in the order of the form, and files nothing.
 */
@WebSlice(PrivacyCenterController.class)
@Import({PrivacyWebConfig.class, RequestFormCheck.class})
class PrivacyCenterControllerSliceTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    RequestIntakeService intake;
    @MockitoBean
    RequestLifecycle lifecycle;
    @MockitoBean
    IdentityVerificationService identity;
    @MockitoBean
    ComplaintChannels complaints;
    @MockitoBean
    ClarificationService clarifications;
    @MockitoBean
    CorrectionChoices correctionChoices;
    @MockitoBean
    AccountCancellationFulfilment cancellation;
    @MockitoBean
    DownloadService downloads;
    @MockitoBean
    StatusLinks statusLinks;
    @MockitoBean
    RequesterContacts contacts;

    @Test
    void theFormSpeaksChineseByDefaultAndEnglishOnRequest() throws Exception {
        String chinese = mvc.perform(get("/privacy/request/ACCESS")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String english = mvc.perform(get("/privacy/request/ACCESS").param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(chinese).contains("lang=\"zh-CN\"").doesNotContain("Email address of the account");
        assertThat(english).contains("Email address of the account");
    }

    @Test
    void aBadAddressIsShownAgainWithItsProblemAndNothingIsFiled() throws Exception {
        String page = mvc.perform(post("/privacy/request/ACCESS").param("lang", "en")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("accountEmail", "not-an-address").param("idempotencyKey", "k-1234567890123456789012"))
                .andExpect(status().isUnprocessableEntity())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("value=\"not-an-address\"").contains("Email address of the account");
        verifyNoInteractions(intake);
    }

    /** Posts a form in the language given and returns the page shown again, which must be a 422. */
    private String refused(String type, String lang, String... fields) throws Exception {
        MockHttpServletRequestBuilder post = post("/privacy/request/" + type).param("lang", lang)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("idempotencyKey", "k-1234567890123456789012");
        for (int i = 0; i < fields.length; i += 2) {
            post.param(fields[i], fields[i + 1]);
        }
        String page = mvc.perform(post).andExpect(status().isUnprocessableEntity()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        verifyNoInteractions(intake);
        return page;
    }

    @Test
    void aRuleEveryFormHasNamesTheFieldInBothLanguages() throws Exception {
        assertThat(refused("ACCESS", "en", "accountEmail", "")).contains(
                "Email address of the account: please fill this in.", "href=\"#accountEmail\"");
        assertThat(refused("ACCESS", "zh-CN", "accountEmail", "not-an-address"))
                .contains("账号邮箱：请填写完整的邮箱地址，例如 name@example.com。");
    }

    @Test
    void lengthsAreCountedAsAReaderCountsCharacters() throws Exception {
        // 200 emoji are 400 UTF-16 units and within the limit of 200; only the missing address is a problem
        String withinLimit = refused("TRANSFER", "en", "recipientName", "😀".repeat(200),
                "recipientEmail", "dpo@example.com");
        assertThat(withinLimit).contains("Email address of the account: please fill this in.")
                .doesNotContain("Recipient name:");
        assertThat(refused("TRANSFER", "en", "accountEmail", "holder@example.com", "recipientName", "名".repeat(201),
                "recipientEmail", "dpo@example.com"))
                .contains("Recipient name: at most 200 characters; you entered 201. Please shorten it")
                .contains("value=\"" + "名".repeat(201) + "\"");
        assertThat(refused("TRANSFER", "zh-CN", "accountEmail", "holder@example.com", "recipientName", "名".repeat(201),
                "recipientEmail", "dpo@example.com")).contains("接收方名称：最多 200 个字，您填写了 201 个字。");
    }

    @Test
    void theRulesOfTheRightInThePathApply() throws Exception {
        assertThat(refused("TRANSFER", "en", "accountEmail", "holder@example.com"))
                .contains("Recipient name: please fill this in.", "Recipient email address: please fill this in.");
        assertThat(refused("WITHDRAW_CONSENT", "en", "accountEmail", ""))
                .contains("Which uses do you withdraw your consent for?: please tick at least one.",
                        "href=\"#purpose-" + PrivacyCenterController.PURPOSES.get(0) + "\"");
        assertThat(refused("RESTRICT", "zh-CN", "accountEmail", "holder@example.com", "restrictAction", "lift"))
                .contains("要解除的限制的请求编号：请填写此项。");
        // the same fields on an ACCESS form: the TRANSFER rules do not apply, only the ACCESS form's own
        assertThat(refused("ACCESS", "en", "accountEmail", "", "recipientName", ""))
                .doesNotContain("Recipient name:");
    }

    @Test
    void eachFieldShowsItsFirstProblemInTheOrderOfTheForm() throws Exception {
        // too long and with a control character: the length is the first thing to fix
        String page = refused("EXPLAIN", "en", "accountEmail", "", "question", "\u0007" + "问".repeat(2001));
        assertThat(page).contains("Your question: at most 2,000 characters; you entered 2,002.")
                .doesNotContain("invisible control characters");
        assertThat(page.indexOf("href=\"#accountEmail\"")).as("the address comes first on the form")
                .isPositive().isLessThan(page.indexOf("href=\"#question\""));
    }

    @Test
    void correctionRowsAreCheckedAgainstTheDataMap() throws Exception {
        CorrectableField phone = new CorrectableField("securityPhone", "accounts", DataCategory.SECURITY, "account",
                "security_phone", "id", false, CorrectableField.Mask.PHONE,
                new LocalizedText("安全手机", "Security phone number"), CorrectableField.Input.PHONE);
        when(correctionChoices.find("securityPhone")).thenReturn(Optional.of(new CorrectionChoices.Choice(phone, 20)));
        when(correctionChoices.normalise(any(), any())).thenAnswer(call -> call.getArgument(1, String.class).strip());
        when(correctionChoices.check(eq("securityPhone"), any())).thenReturn(Optional.empty());
        when(correctionChoices.check("securityPhone", "call me")).thenReturn(
                Optional.of(new CorrectionChoices.Problem(CorrectionChoices.Problem.Kind.NOT_A_PHONE, 0, 0)));
        String[] rows = {"accountEmail", "holder@example.com", "field0", "securityPhone", "value0", "call me",
                "field1", "securityPhone", "value1", "+8613800000002", "field2", "", "value2", "a value"};
        assertThat(refused("CORRECT", "en", rows)).contains(
                "Security phone number: please enter a phone number of 6 to 15 digits",
                "Detail 2: Security phone number is chosen twice; please give it once.",
                "Detail 3: please choose which detail the value is for.",
                "href=\"#value0\"", "href=\"#field1\"", "href=\"#field2\"");
        assertThat(refused("CORRECT", "zh-CN", rows)).contains("安全手机：请填写 6 至 15 位数字的电话号码",
                "信息项 2：“安全手机”选择了两次，请只填写一次。", "信息项 3：请选择这项内容对应的信息项。");
        assertThat(refused("CORRECT", "en", "accountEmail", "holder@example.com"))
                .contains("Changes: please choose at least one detail and give its correct value.");
    }

    @Test
    void aValueOfTheWrongTypeIsAProblemOfItsFieldNotAnErrorPage() throws Exception {
        String en = refused("RESTRICT", "en", "accountEmail", "holder@example.com", "until", "next week");
        assertThat(en).contains("Until: please enter a date as year-month-day, such as 1990-05-31.",
                "href=\"#until\"", "id=\"until-error\"");
        assertThat(refused("RESTRICT", "zh-CN", "accountEmail", "holder@example.com", "until", "2026-13-45"))
                .contains("截止日期：请按“年-月-日”填写日期，例如 1990-05-31。");
    }

    @Test
    void anUnknownRightIsNotFound() throws Exception {
        mvc.perform(get("/privacy/request/no-such-right")).andExpect(status().isNotFound());
    }
}
