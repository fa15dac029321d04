package org.rightsflow.fulfilment.download;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.rightsflow.common.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts a few thousand small package segments once the application is up, on a background thread,
 * and checks each round trip (a self-test of {@link PackageCrypto}).
 *
 * <p>Why: the JDK's AES-GCM runs at 3 GB/s only once the JIT has compiled its GHASH and counter-mode loops with the
 * processor's instructions (CLMUL, AES-NI), and it compiles them only after some ten thousand calls. A package calls
 * them once per 64 KiB segment, so without this the packages built after a start encrypted at 60–300 MB/s, and
 * encryption was half of a large COPY package's time (BENCHMARKS.md, figure 3). The warm-up costs about half a
 * second of one core.
 */
@Component
public class PackageCryptoWarmUp {

    private static final Logger log = LoggerFactory.getLogger(PackageCryptoWarmUp.class);

    private final PackageCrypto crypto;
    private final int roundTrips;

    public PackageCryptoWarmUp(PackageCrypto crypto,
                               @Value("${rightsflow.packages.crypto-warm-up-round-trips:20000}") int roundTrips) {
        this.crypto = crypto;
        this.roundTrips = roundTrips;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (roundTrips <= 0) {
            return;
        }
        Thread thread = new Thread(this::run, "package-crypto-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void run() {
        try {
            long started = System.nanoTime();
            int done = warmUp(roundTrips);
            log.info("Package encryption warmed up and self-tested: {} round trips in {} ms", done,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.error("Package encryption self-test failed", e);
        }
    }

    /** @return the round trips done; throws when one did not give back what it encrypted */
    int warmUp(int count) throws IOException {
        byte[] key = crypto.newKey();
        byte[] plain = new byte[256];
        Hashing.random().nextBytes(plain);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(512);
        for (int i = 0; i < count; i++) {
            sealed.reset();
            try (OutputStream out = crypto.encrypting(sealed, key)) {
                out.write(plain);
            }
            try (InputStream in = crypto.decrypting(new ByteArrayInputStream(sealed.toByteArray()), key)) {
                if (!Arrays.equals(in.readAllBytes(), plain)) {
                    throw new IllegalStateException("a package segment did not decrypt to what was encrypted");
                }
            }
        }
        Arrays.fill(key, (byte) 0);
        return count;
    }
}
