package org.rightsflow.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what really arrived at the GreenMail SMTP server. */
public final class Mailbox {

    private final GreenMail mail;

    public Mailbox(GreenMail mail) {
        this.mail = mail;
    }

    public record Mail(String to, String kind, String subject, String body) {
    }

    public List<Mail> all() {
        return Arrays.stream(mail.getReceivedMessages()).map(Mailbox::read).toList();
    }

    /** Every message of a kind (the X-Rightsflow-Notice header) to a recipient that mentions the reference. */
    public List<Mail> of(String to, String kind, String reference) {
        return all().stream()
                .filter(m -> m.to().equalsIgnoreCase(to) && m.kind().equals(kind) && m.body().contains(reference))
                .toList();
    }

    public Mail awaitOne(String to, String kind, String reference) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !of(to, kind, reference).isEmpty());
        return of(to, kind, reference).get(0);
    }

    public static String codeIn(Mail mail) {
        Matcher m = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)").matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("No code in " + mail.body());
        }
        return m.group(1);
    }

    /**
     * The address of the file behind the email's result link: the email links the Privacy Center's page for it
     * ({@link #pageLinkIn}), whose button fetches the file from {@code /api/downloads/} with the same token.
     */
    public static String linkIn(Mail mail) {
        return pageLinkIn(mail).replace("/privacy/downloads/", "/api/downloads/");
    }

    /** The result link as the email gives it: the Privacy Center's page for the download. */
    public static String pageLinkIn(Mail mail) {
        Matcher m = Pattern.compile("(https?://\\S+/privacy/downloads/[A-Za-z0-9_-]+)").matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("No download link in " + mail.body());
        }
        return m.group(1);
    }

    /**
     * The path of the email's link that opens the request's page on any device without typing the status key
     * ({@code /privacy/status/<reference>/open/<token>}; the acknowledgement and later notices carry it).
     */
    public static String statusLinkIn(Mail mail) {
        Matcher m = Pattern.compile("https?://[^/\\s]+(/privacy/status/\\S+/open/[A-Za-z0-9_-]+)").matcher(mail.body());
        if (!m.find()) {
            throw new AssertionError("No link to the request's page in " + mail.body());
        }
        return m.group(1);
    }

    private static Mail read(MimeMessage message) {
        try {
            String[] kind = message.getHeader("X-Rightsflow-Notice");
            return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(),
                    kind == null ? "" : kind[0], message.getSubject(), GreenMailUtil.getBody(message).isEmpty() ? ""
                    : String.valueOf(message.getContent()).replace("\r\n", "\n"));
        } catch (MessagingException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
