package org.rightsflow.deadline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policies Rightsflow knows; which of them apply is configuration ({@link DeadlineProperties}). */
@Configuration(proxyBeanMethods = false)
class DeadlinePolicyConfiguration {

    @Bean
    WorkingDayCalendar mainlandChinaCalendar() {
        return WorkingDayCalendar.mainlandChina();
    }

    @Bean
    DeadlinePolicy piplStatementPolicy() {
        return CalendarDaysPolicy.PIPL_STATEMENT;
    }

    @Bean
    DeadlinePolicy cnWorkingDaysPolicy(WorkingDayCalendar mainlandChinaCalendar) {
        return WorkingDaysPolicy.cnWorkingDays(mainlandChinaCalendar);
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
