package org.rightsflow.web.demo;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.rightsflow.demo.DemoMailSink;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The demo mailbox (default profile only): every message the embedded mail sink caught, newest first. It shows codes
 * and links to every demo account, so it answers only a browser on this machine (a loopback client address, after
 * any trusted proxy's X-Forwarded-For) unless {@code rightsflow.demo.mailbox-remote-access} is true.
 */
@Controller
@ConditionalOnProperty(name = "rightsflow.demo.mail-sink.enabled", havingValue = "true")
public class DemoMailboxController {

    private static final Pattern LOOPBACK =
            Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|::1|0:0:0:0:0:0:0:1|::ffff:127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final DemoMailSink sink;
    private final boolean remoteAccess;

    public DemoMailboxController(DemoMailSink sink,
                                 @Value("${rightsflow.demo.mailbox-remote-access:false}") boolean remoteAccess) {
        this.sink = sink;
        this.remoteAccess = remoteAccess;
    }

    /** Loopback clients only, unless configured otherwise. */
    static boolean mayRead(String clientAddress, boolean remoteAccess) {
        if (remoteAccess) {
            return true;
        }
        // Tomcat gives the address as text (never a name); these are the loopback forms it uses
        return clientAddress != null && LOOPBACK.matcher(clientAddress).matches();
    }

    public record Mail(String to, String subject, String sentAt, String body) {
    }

    @GetMapping("/demo/mailbox")
    public String mailbox(Model model, HttpServletRequest request, HttpServletResponse response)
            throws MessagingException, IOException {
        if (!mayRead(request.getRemoteAddr(), remoteAccess)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return null;
        }
        List<Mail> mails = new java.util.ArrayList<>();
        for (MimeMessage message : sink.messages()) {
            mails.add(new Mail(String.join(", ", java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
                    message.getSubject(), message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString(),
                    String.valueOf(message.getContent())));
        }
        mails.sort(Comparator.comparing(Mail::sentAt).reversed());
        model.addAttribute("mails", mails);
        return "demo/mailbox";
    }
}
