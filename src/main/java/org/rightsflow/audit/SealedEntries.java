package org.rightsflow.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The byte form of a request's sealed audit entries (table {@code audit_seal}, docs/retention.md): every field of
 * every entry, exactly, so that each hash recomputes as it did in its own row. Version 1: one version byte, then
 * deflated: the number of entries and, per entry, its sequence number (the first whole, the others as the step from
 * the one before), its time (epoch second, zigzag-coded, and nanosecond), actor, action and detail (UTF-8, length + 1, 0 for none),
 * and the previous and its own hash (32 bytes each instead of 64 hex characters). The reference is the row's.
 *
 * <p>Only what decodes back to the same text is sealed: {@link #sealable} refuses an entry whose hashes are not
 * 64 lowercase hex digits (none is, as {@link AuditTrail} writes them), and such an entry stays a row of its own.
 */
final class SealedEntries {

    static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private SealedEntries() {
    }

    /** Whether the entry survives sealing unchanged (its hashes are hex as the trail writes them). */
    static boolean sealable(AuditEntry entry) {
        return isHash(entry.prevHash()) && isHash(entry.hash()) && entry.actor() != null && entry.action() != null;
    }

    private static boolean isHash(String hex) {
        return hex != null && hex.length() == 64 && hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** The entries (in sequence order, all sealable) as bytes. */
    static byte[] encode(List<AuditEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(VERSION);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            writeVarLong(out, entries.size());
            long previous = 0;
            for (AuditEntry entry : entries) {
                writeVarLong(out, entry.seq() - previous);
                previous = entry.seq();
                writeVarLong(out, zigzag(entry.at().getEpochSecond()));
                writeVarLong(out, entry.at().getNano());
                writeText(out, entry.actor());
                writeText(out, entry.action());
                writeText(out, entry.detail());
                out.write(HEX.parseHex(entry.prevHash()));
                out.write(HEX.parseHex(entry.hash()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * The entries back, with the row's reference.
     *
     * @throws IllegalArgumentException when the bytes are not a sealed form (changed, cut short, another version)
     */
    static List<AuditEntry> decode(String reference, byte[] sealed) {
        if (sealed == null || sealed.length < 2 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed form of version " + VERSION);
        }
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(
                new ByteArrayInputStream(sealed, 1, sealed.length - 1), inflater))) {
            long count = readVarLong(in);
            if (count < 1 || count > 1_000_000) {
                throw new IllegalArgumentException("an impossible number of entries: " + count);
            }
            List<AuditEntry> entries = new ArrayList<>((int) count);
            long seq = 0;
            for (long i = 0; i < count; i++) {
                long step = readVarLong(in);
                if (step < 1) {
                    throw new IllegalArgumentException("entries out of order");
                }
                seq += step;
                long second = unzigzag(readVarLong(in));
                Instant at = Instant.ofEpochSecond(second, readVarLong(in));
                String actor = readText(in);
                String action = readText(in);
                String detail = readText(in);
                byte[] prev = new byte[32];
                byte[] hash = new byte[32];
                in.readFully(prev);
                in.readFully(hash);
                entries.add(new AuditEntry(seq, at, reference, actor, action, detail, HEX.formatHex(prev),
                        HEX.formatHex(hash)));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("bytes after the last entry");
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            writeVarLong(out, 0);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length + 1L);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        long length = readVarLong(in);
        if (length == 0) {
            return null;
        }
        if (length > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("an impossible text length: " + length);
        }
        byte[] utf8 = new byte[(int) (length - 1)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** A time before 1970 as a small non-negative number too. */
    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Seven bits a byte, low first (non-negative values). */
    private static void writeVarLong(OutputStream out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarLong(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("cut short");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a number too long");
    }
}
