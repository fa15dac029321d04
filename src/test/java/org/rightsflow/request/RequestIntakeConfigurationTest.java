package org.rightsflow.request;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Map;
import org.rightsflow.deadline.CalendarDaysPolicy;
import org.rightsflow.deadline.DeadlineProperties;
import org.rightsflow.deadline.DeadlineService;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

/** A request type named in rightsflow.deadline.policies-by-type must exist: a typo would silently drop its rule. */
class RequestIntakeConfigurationTest {

    private static RequestIntakeService intakeWith(Map<String, List<String>> policiesByType) {
        DeadlineService deadlines = new DeadlineService(DeadlineProperties.defaults().withPoliciesByType(policiesByType), List.of(CalendarDaysPolicy.PIPL_STATEMENT, CalendarDaysPolicy.CCPA));
        return new RequestIntakeService(null, null, null, null, null, deadlines, null, null, null, null,
                mock(PlatformTransactionManager.class), null, null,
                new org.rightsflow.common.RightsflowProperties(null, "a-test-secret-of-at-least-32-characters", null,
                        null, null, null));
    }

    @Test
    void anUnknownRequestTypeStopsTheStart() {
        assertThatThrownBy(() -> intakeWith(Map.of("CANCEL_ACOUNT", List.of("CCPA"))))
                .hasMessageStartingWith("rightsflow.deadline.policies-by-type.CANCEL_ACOUNT: no such request type");
        assertThatCode(() -> intakeWith(Map.of("CANCEL_ACCOUNT", List.of("CCPA")))).doesNotThrowAnyException();
    }
}
