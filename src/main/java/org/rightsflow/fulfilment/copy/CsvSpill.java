package org.rightsflow.fulfilment.copy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.rightsflow.fulfilment.download.PackageCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSV file of one category, held on disk while the same rows go into the ZIP's JSON entry (a ZIP writes one entry
 * at a time), then copied into the CSV entry. It holds personal data, so it is encrypted with a key of its own that
 * lives only in memory: a file left behind by a crash cannot be read, and {@link #close()} deletes it in any case.
 */
final class CsvSpill implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CsvSpill.class);
    private static final int BUFFER = 64 * 1024;
    private static final String PREFIX = "copy-";
    private static final String SUFFIX = ".csv.spill";

    private final PackageCrypto crypto;
    private final Path file;
    private final byte[] key;
    private final Writer writer;
    private boolean writerClosed;

    private CsvSpill(PackageCrypto crypto, Path file, byte[] key, Writer writer) {
        this.crypto = crypto;
        this.file = file;
        this.key = key;
        this.writer = writer;
    }

    /** A new, empty spill file in {@code directory} (created if missing), readable by its owner only. */
    static CsvSpill create(Path directory, PackageCrypto crypto) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, PREFIX, SUFFIX);
        byte[] key = crypto.newKey();
        try {
            OutputStream encrypted = crypto.encrypting(
                    new BufferedOutputStream(Files.newOutputStream(file), BUFFER), key);
            return new CsvSpill(crypto, file, key,
                    new BufferedWriter(new OutputStreamWriter(encrypted, StandardCharsets.UTF_8), BUFFER));
        } catch (IOException | RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            deleteQuietly(file);
            throw e;
        }
    }

    /** Where the CSV text goes (UTF-8). Not to be closed by the caller. */
    Writer writer() {
        return writer;
    }

    /** Finishes the file and copies its plain text to {@code out} (left open). */
    void copyTo(OutputStream out) throws IOException {
        closeWriter();
        try (InputStream in = crypto.decrypting(new BufferedInputStream(Files.newInputStream(file), BUFFER), key)) {
            in.transferTo(out);
        }
    }

    /** Deletes the file and forgets the key; also after a failure half way through the rows. */
    @Override
    public void close() {
        try {
            closeWriter();
        } catch (IOException e) {
            // the file is deleted below all the same; the failure that brought us here is the one that matters
        } finally {
            Arrays.fill(key, (byte) 0);
            deleteQuietly(file);
        }
    }

    private void closeWriter() throws IOException {
        if (!writerClosed) {
            writerClosed = true;
            writer.close();
        }
    }

    /**
     * Deletes the spill files in {@code directory} last written before {@code cutoff}: left behind by a process that
     * died while building a package (a running build's file is younger: a build takes seconds to minutes).
     *
     * @return how many were deleted
     */
    static int sweep(Path directory, Instant cutoff) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    deleteQuietly(file);
                    deleted += Files.exists(file) ? 0 : 1;
                }
            }
        }
        return deleted;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Not worth failing the package for: the file is cipher text whose key is gone.
            log.warn("Cannot delete the spill file {}: {}", file, e.toString());
        }
    }
}
