package org.rightsflow.deadline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policies Rightsflow knows; which of them apply is configuration ({@link DeadlineProperties}). */
@Configuration(proxyBeanMethods = false)
class DeadlinePolicyConfiguration {

    @Bean
    DeadlinePolicy piplStatementPolicy() {
        return CalendarDaysPolicy.PIPL_STATEMENT;
    }

    @Bean
    DeadlinePolicy cnWorkingDaysPolicy(MainlandCalendar mainlandCalendar) {
        // reads the calendar in force at each count: a year an administrator adds applies at once
        return WorkingDaysPolicy.cnWorkingDays(mainlandCalendar);
    }

    @Bean
    DeadlinePolicy gdprPolicy() {
        return CalendarMonthsPolicy.GDPR;
    }

    @Bean
    DeadlinePolicy ccpaPolicy() {
        return CalendarDaysPolicy.CCPA;
    }
}
