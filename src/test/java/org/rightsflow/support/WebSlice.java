package org.rightsflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.rightsflow.web.H2CommitsBeforeAnswering;
import org.rightsflow.web.security.SignInThrottleFilter;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;

/**
 * An MVC slice of the given controllers ({@code @WebMvcTest}): the controllers, their advice, the application's
 * templates, messages and security headers, and no engine, no database. The two filters that need the database (the
 * H2 commit guard and the sign-in throttle, which counts in tables) are left out. A slice starts in seconds; it tests
 * what a controller makes of its services' answers, the full stack stays with {@link PostgresIntegrationTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = {H2CommitsBeforeAnswering.class, SignInThrottleFilter.class}))
public @interface WebSlice {

    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
