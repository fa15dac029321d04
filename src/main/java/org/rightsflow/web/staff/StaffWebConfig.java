package org.rightsflow.web.staff;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.rightsflow.web.PageLanguages;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The staff pages' language and headers. Language: zh-CN by default, {@code ?lang=en|zh-CN} on any page, then kept in
 * a cookie scoped to {@code /staff} (the Privacy Center keeps its own). Every staff answer is {@code no-store} (it
 * may carry personal data), may not be framed, and runs only the application's own scripts.
 */
@Configuration
public class StaffWebConfig implements WebMvcConfigurer {

    static final String LANGUAGE_COOKIE = "rf_staff_lang";
    static final Locale CHINESE = PageLanguages.CHINESE;
    static final Locale ENGLISH = PageLanguages.ENGLISH;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Locale locale = PageLanguages.supported(request.getParameter("lang"));
                if (locale != null) {
                    Cookie cookie = new Cookie(LANGUAGE_COOKIE, locale == ENGLISH ? "en" : "zh-CN");
                    cookie.setPath("/staff");
                    cookie.setHttpOnly(true);
                    cookie.setMaxAge(365 * 24 * 3600);
                    cookie.setAttribute("SameSite", "Lax");
                    response.addCookie(cookie);
                } else {
                    locale = fromCookie(request);
                }
                // the application's locale resolver takes a locale already chosen for this request
                request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                        + "form-action 'self'; frame-ancestors 'none'");
                return true;
            }
        }).addPathPatterns("/staff", "/staff/**");
    }

    static Locale fromCookie(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (LANGUAGE_COOKIE.equals(cookie.getName())) {
                    Locale locale = PageLanguages.supported(cookie.getValue());
                    if (locale != null) {
                        return locale;
                    }
                }
            }
        }
        return CHINESE;
    }
}
