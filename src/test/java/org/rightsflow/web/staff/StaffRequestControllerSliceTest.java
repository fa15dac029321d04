package org.rightsflow.web.staff;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.rightsflow.notice.ComplaintChannels;
import org.rightsflow.request.ClarificationService;
import org.rightsflow.request.RequestLifecycle;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.review.ReviewReferrals;
import org.rightsflow.support.WebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff API's request controller alone (an MVC slice, no engine, no database): nobody signed in is 401 with the
 * HTTP Basic challenge, a body that says too little or too much is 400 with its own code, each as problem+json, and
 * no deadline moves.
 */
@WebSlice(StaffRequestController.class)
class StaffRequestControllerSliceTest {

    private static final String REQUEST = "/staff/requests/RR-20261207-0001";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    StaffAuthentication authentication;
    @MockitoBean
    RequestLifecycle lifecycle;
    @MockitoBean
    RequestRepository requests;
    @MockitoBean
    ReviewReferrals referrals;
    @MockitoBean
    ClarificationService clarifications;
    /** The Privacy Center's error advice names the complaint channels (every slice has every advice). */
    @MockitoBean
    ComplaintChannels complaints;

    @Test
    void nobodySignedInIs401WithTheBasicChallenge() throws Exception {
        when(authentication.requirePrivacyOfficer(any())).thenThrow(StaffProblems.unauthenticated());
        mvc.perform(post(REQUEST + "/extension").contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"rightsflow-staff\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("AUTHENTICATION_REQUIRED"))
                .andExpect(jsonPath("$.type").value("urn:rightsflow:problem:authentication-required"));
        verifyNoInteractions(lifecycle);
    }

    @Test
    void aPauseMustNameWhatTheRequesterIsToClarify() throws Exception {
        when(authentication.requirePrivacyOfficer(any())).thenReturn("officer");
        mvc.perform(post(REQUEST + "/pause").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"Waiting for the scope.\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("TOPICS_REQUIRED"));
        mvc.perform(post(REQUEST + "/pause").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"Waiting.\",\"needed\":[\"TIME_PERIOD\"],\"requester\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("UNKNOWN_FIELD"));
        mvc.perform(post(REQUEST + "/extension").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"" + "x".repeat(1001) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("REASON_TOO_LONG"));
        verifyNoInteractions(clarifications, lifecycle);
    }
}
