package org.rightsflow.web.demo;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.rightsflow.demo.DemoMailSink;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The demo mailbox (default profile only): every message the embedded mail sink caught, newest first. */
@Controller
@ConditionalOnProperty(name = "rightsflow.demo.mail-sink.enabled", havingValue = "true")
public class DemoMailboxController {

    private final DemoMailSink sink;

    public DemoMailboxController(DemoMailSink sink) {
        this.sink = sink;
    }

    public record Mail(String to, String subject, String sentAt, String body) {
    }

    @GetMapping("/demo/mailbox")
    public String mailbox(Model model) throws MessagingException, IOException {
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
