package org.rightsflow.web.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.rightsflow.fulfilment.cancellation.AccountCancellationFulfilment;
import org.rightsflow.identity.IdentityVerificationService;
import org.rightsflow.identity.VerificationOutcome;
import org.rightsflow.notice.ComplaintChannels;
import org.rightsflow.request.ClarificationService;
import org.rightsflow.request.RateLimitedException;
import org.rightsflow.request.RequestIntakeService;
import org.rightsflow.request.RequestLifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.rightsflow.support.WebSlice;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The requester API's controller alone (an MVC slice, no engine, no database): what the services answer becomes the
 * documented problem+json, each with its {@code code}, status and extra members; bad input is refused before any
 * service is called.
 */
@WebSlice(RequestApiController.class)
class RequestApiControllerSliceTest {

    private static final String VERIFY = "/api/requests/RR-20261207-0001/verification";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    RequestIntakeService intake;
    @MockitoBean
    RequestLifecycle lifecycle;
    @MockitoBean
    IdentityVerificationService identity;
    @MockitoBean
    AccountCancellationFulfilment cancellation;
    @MockitoBean
    ClarificationService clarifications;
    /** The Privacy Center's error advice names the complaint channels (every slice has every advice). */
    @MockitoBean
    ComplaintChannels complaints;

    @Test
    void aWrongCodeIs422WithTheAttemptsLeft() throws Exception {
        when(identity.verify(eq("RR-20261207-0001"), eq("a-token"), eq("123456")))
                .thenReturn(new VerificationOutcome.WrongCode(2));
        mvc.perform(post(VERIFY).header("X-Status-Token", "a-token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"123456\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("WRONG_CODE"))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.attemptsLeft").value(2))
                .andExpect(jsonPath("$.type").value("https://rightsflow.invalid/problems/wrong-code"));
    }

    @Test
    void aFilingOverTheLimitIs429WithRetryAfter() throws Exception {
        when(intake.file(any(), any(), anyString())).thenThrow(new RateLimitedException(90));
        mvc.perform(post("/api/requests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"ACCESS\",\"accountEmail\":\"lin.qiaoyun@example.com\",\"language\":\"en\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "90"))
                .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
                .andExpect(jsonPath("$.retryAfterSeconds").value(90));
    }

    @Test
    void malformedJsonAndUnknownFieldsAreRefusedBeforeAnyServiceIsCalled() throws Exception {
        mvc.perform(post(VERIFY).contentType(MediaType.APPLICATION_JSON).content("{\"code\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_JSON"))
                .andExpect(jsonPath("$.trace").doesNotExist());
        mvc.perform(post(VERIFY).contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"1\",\"admin\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(identity);
    }
}
