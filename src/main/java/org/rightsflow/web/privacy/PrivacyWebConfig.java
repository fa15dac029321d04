package org.rightsflow.web.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.rightsflow.web.PageLanguages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The Privacy Center's language: zh-CN by default (docs/notices.md), switched with {@code ?lang=en|zh-CN} on any page and
 * then kept in a cookie, so the choice follows the requester from page to page without riding in every link.
 */
@Configuration
public class PrivacyWebConfig implements WebMvcConfigurer {

    static final Locale CHINESE = PageLanguages.CHINESE;
    static final Locale ENGLISH = PageLanguages.ENGLISH;

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("rf_lang");
        resolver.setDefaultLocale(CHINESE);
        resolver.setCookiePath("/privacy");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Locale chosen = PageLanguages.supported(request.getParameter("lang"));
                if (chosen != null) {
                    localeResolver().setLocale(request, response, chosen);
                }
                return true;
            }
        }).addPathPatterns("/privacy", "/privacy/**");
    }
}
