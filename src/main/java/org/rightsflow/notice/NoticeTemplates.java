package org.rightsflow.notice;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders notices from plain-text templates ({@code templates/mail/<kind>_<language>.txt}). The first line of a
 * template is {@code Subject: ...}; the rest is the body. Templates are text, not HTML, so nothing a value holds
 * can become markup in a mail client.
 */
@Component
public class NoticeTemplates {

    /** Its own engine in TEXT mode (the application's engine renders HTML pages); SpringEL for expressions. */
    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public NoticeTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        engine.setTemplateResolver(resolver);
    }

    public record Rendered(String subject, String body) {
    }

    public Rendered render(NoticeKind kind, String language, Map<String, Object> model) {
        Context context = new Context(Locale.forLanguageTag(language), model);
        String text = engine.process(kind.templateName(language), context).stripLeading();
        int newline = text.indexOf('\n');
        if (!text.startsWith("Subject:") || newline < 0) {
            throw new IllegalStateException("Template " + kind.templateName(language) + " must start with 'Subject:'");
        }
        return new Rendered(text.substring("Subject:".length(), newline).trim(), text.substring(newline + 1).strip() + "\n");
    }
}
