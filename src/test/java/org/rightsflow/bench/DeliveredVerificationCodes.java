package org.rightsflow.bench;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Set;
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
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
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
                for (MimeMessage message : mail.getReceivedMessages()) {
                    String id = message.getMessageID();
                    if (id == null || seen.contains(id)) {
                        continue;
                    }
                    String[] kind = message.getHeader("X-Rightsflow-Notice");
                    if (kind == null || !"VERIFICATION_CODE".equals(kind[0])) {
                        seen.add(id);
                        continue;
                    }
                    String body = String.valueOf(message.getContent());
                    Matcher reference = REFERENCE.matcher(body);
                    Matcher code = CODE.matcher(body.replaceAll("RR-\\d{8}-\\d+", ""));
                    if (reference.find() && code.find()) {
                        codes.put(reference.group(), code.group(1));
                    }
                    seen.add(id);
                }
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

    @Override
    public void close() {
        running = false;
        reader.interrupt();
    }
}
