package org.rightsflow.bench;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verification codes that really arrived at GreenMail, by request reference. One background reader parses each
 * new message once, so that many benchmark clients can wait for their code without each scanning the whole mail
 * server (the test helper Mailbox reads every message on every poll, which is fine for tests but not for hundreds of
 * requests).
 */
final class DeliveredVerificationCodes implements AutoCloseable {

    private static final Pattern REFERENCE = Pattern.compile("RR-\\d{8}-\\d+");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

    private final GreenMail mail;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    /** Messages read so far per inbox (only the reader thread touches it). */
    private final Map<String, Integer> readPerInbox = new HashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    DeliveredVerificationCodes(GreenMail mail) {
        this.mail = mail;
        this.reader = new Thread(this::readLoop, "bench-mail-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the code of the request, or fails after the timeout. */
    String await(String reference, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            String code = codes.get(reference);
            if (code != null) {
                return code;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No verification code arrived for " + reference + " within " + timeoutMillis + " ms");
    }

    private void readLoop() {
        while (running) {
            try {
                readNewMessages();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a message being delivered while read: read it again on the next pass
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Reads only what arrived since the last pass, inbox by inbox: {@code GreenMail.getReceivedMessages()} copies
     * every message of the server on every call, which with a thousand messages made this reader compete with the
     * deliveries it waits for.
     */
    private void readNewMessages() throws Exception {
        for (GreenMailUser user : mail.getUserManager().listUser()) {
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            int count = inbox.getMessageCount();
            int read = readPerInbox.getOrDefault(user.getEmail(), 0);
            if (count <= read) {
                continue;
            }
            List<StoredMessage> messages = inbox.getMessages();
            for (int i = read; i < messages.size(); i++) {
                MimeMessage message = messages.get(i).getMimeMessage();
                String[] kind = message.getHeader("X-Rightsflow-Notice");
                if (kind == null || !"VERIFICATION_CODE".equals(kind[0])) {
                    continue;
                }
                String body = String.valueOf(message.getContent());
                Matcher reference = REFERENCE.matcher(body);
                Matcher code = CODE.matcher(body.replaceAll("RR-\\d{8}-\\d+", ""));
                if (reference.find() && code.find()) {
                    codes.put(reference.group(), code.group(1));
                }
            }
            readPerInbox.put(user.getEmail(), messages.size());
        }
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
    }
}
