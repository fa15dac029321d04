package org.rightsflow.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
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

/**
 * The Privacy Center's form alone (an MVC slice with the real templates and messages, no engine, no database): the
 * page speaks zh-CN by default and English on request, and a form with a bad address is shown again with the
 * problem named and everything typed, while nothing is filed.
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

    @Test
    void anUnknownRightIsNotFound() throws Exception {
        mvc.perform(get("/privacy/request/no-such-right")).andExpect(status().isNotFound());
    }
}
