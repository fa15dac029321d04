package org.rightsflow.notice;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders notices from plain-text templates ({@code templates/mail/<kind>_<language>.txt}). The first line of a
 * template is {@code Subject: ...}; the rest is the body. Templates are text, not HTML, so nothing a value holds
 * can become markup in a mail client. Every template may use {@code complaintChannels} (a list of {@code label} and
 * {@code address} in the notice's language) and {@code complaintChannel} (the same in one line).
 *
 * <p>A refusal or partial refusal is never sent without what PIPL Art. 50 and the privacy statement require:
 * rendering one without grounds, without an explanation or without a complaint channel fails (the job that sends it
 * becomes an incident in Cockpit) rather than tell a requester "no" without saying why and where to complain.
 */
@Component
public class NoticeTemplates {

    /** Its own engine in TEXT mode (the application's engine renders HTML pages); SpringEL for expressions. */
    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ComplaintChannels complaints;

    /** Without complaint channels (tests of notices that name none); a refusal cannot be rendered. */
    public NoticeTemplates() {
        this(null);
    }

    @Autowired
    public NoticeTemplates(ComplaintChannels complaints) {
        this.complaints = complaints;
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
        Map<String, Object> values = new HashMap<>(model);
        if (complaints != null) {
            values.putIfAbsent("complaintChannels", complaints.forNotice(language));
            values.putIfAbsent("complaintChannel", complaints.inOneLine(language));
        }
        if (kind == NoticeKind.RESULT_REFUSED || kind == NoticeKind.RESULT_PARTIALLY_COMPLETED) {
            requireWhatARefusalOwes(kind, values);
        }
        Context context = new Context(Locale.forLanguageTag(language), values);
        String text = engine.process(kind.templateName(language), context).stripLeading();
        int newline = text.indexOf('\n');
        if (!text.startsWith("Subject:") || newline < 0) {
            throw new IllegalStateException("Template " + kind.templateName(language) + " must start with 'Subject:'");
        }
        return new Rendered(text.substring("Subject:".length(), newline).trim(), text.substring(newline + 1).strip() + "\n");
    }

    private static void requireWhatARefusalOwes(NoticeKind kind, Map<String, Object> values) {
        if (!(values.get("grounds") instanceof Collection<?> grounds) || grounds.isEmpty()
                || grounds.stream().anyMatch(g -> g == null || g.toString().isBlank())) {
            throw new IllegalStateException(kind + " without grounds: a refusal always states them (PIPL Art. 50)");
        }
        if (!(values.get("explanation") instanceof String explanation) || explanation.isBlank()) {
            throw new IllegalStateException(kind + " without an explanation: a refusal always explains its grounds");
        }
        if (!(values.get("complaintChannels") instanceof Collection<?> channels) || channels.isEmpty()) {
            throw new IllegalStateException(kind + " without a complaint channel (rightsflow.complaints.channels)");
        }
    }
}
