package org.rightsflow.fulfilment.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.Api;
import org.rightsflow.support.Mailbox;
import org.rightsflow.support.PostgresIntegrationTest;
import org.rightsflow.support.RequesterJourney;
import org.rightsflow.support.ReviewTasks;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A COPY of an account with 200,000 operation-log rows, built by the job executor and downloaded through the link,
 * in a JVM whose whole heap is 256 MB (the surefire execution {@code bounded-heap} in pom.xml; the main run leaves
 * this class out). Loading the rows, or the package, into memory would not fit beside the application.
 */
@Tag("bounded-heap")
class CopyPackageBoundedHeapTest extends PostgresIntegrationTest {

    static final int ROWS = 200_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @Test
    void aPackageOfTwoHundredThousandRowsIsBuiltAndDownloadedInABoundedHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("runs in its own JVM with -Xmx256m").isLessThanOrEqualTo(256L * 1024 * 1024);
        AtomicLong peakUsed = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);

        Api api = new Api(port);
        Mailbox mailbox = new Mailbox(TestInfrastructure.mail());
        String email = "copy-large-" + System.nanoTime() + "@example.com";
        long accountId = TestAccounts.plain(jdbc, email);
        TestAccounts.addOperationLogs(jdbc, accountId, ROWS);
        assertThat(jdbc.queryForObject("select count(*) from account_operation_log where account_id = ?", Long.class,
                accountId)).isEqualTo(ROWS);

        sampler.start();
        RequesterJourney journey = new RequesterJourney(api, mailbox);
        RequesterJourney.Filed filed = journey.fileAndVerify("COPY", email, email, null);
        proceedIfReviewed(filed.reference());
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "COMPLETED".equals(journey.status(filed)));
        String link = Mailbox.linkIn(mailbox.awaitOne(email, "DOWNLOAD_READY", filed.reference()));

        Map<String, Long> records = new HashMap<>();
        long bytes;
        HttpURLConnection connection = (HttpURLConnection) URI.create(
                "http://localhost:" + port + link.substring(link.indexOf("/api/downloads/"))).toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        try (CountingStream body = new CountingStream(connection.getInputStream());
             ZipInputStream zip = new ZipInputStream(body, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith(".json")) {
                    records.put(entry.getName(), countJsonRecords(zip));
                } else if (entry.getName().endsWith(".csv")) {
                    records.put(entry.getName(), countLines(zip) - 1);
                }
            }
            bytes = body.count;
        }
        sampling.set(false);
        sampler.join();

        assertThat(records).containsEntry("operation_logs.json", (long) ROWS)
                .containsEntry("operation_logs.csv", (long) ROWS).containsEntry("profile.json", 1L);
        assertThat(bytes).as("the package is larger than a small report").isGreaterThan(1_000_000L);
        System.out.printf("COPY of %,d rows: package %,d bytes, peak heap used %,d MB of %,d MB%n", ROWS, bytes,
                peakUsed.get() / (1024 * 1024), maxHeap / (1024 * 1024));
    }

    private static long countJsonRecords(InputStream entry) throws IOException {
        long count = 0;
        try (JsonParser parser = new JsonFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).createParser(entry)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    depth++;
                    if (depth == 2) {
                        count++;
                    }
                } else if (token == JsonToken.END_OBJECT) {
                    depth--;
                }
            }
        }
        return count;
    }

    private static long countLines(InputStream entry) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(entry, StandardCharsets.UTF_8));
        long lines = 0;
        while (reader.readLine() != null) {
            lines++;
        }
        return lines;
    }

    private void proceedIfReviewed(String reference) {
        ReviewTasks.proceedIfReviewed(tasks, identity, jdbc, reference, "Nothing withholds the copy.");
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
