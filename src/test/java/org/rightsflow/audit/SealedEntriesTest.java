package org.rightsflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sealed form gives back every field exactly, so every hash recomputes; a damaged form is refused. */
class SealedEntriesTest {

    private static List<AuditEntry> chain(String reference, long... seqs) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = "0".repeat(64);
        Instant[] times = {Instant.parse("1969-07-20T20:17:40.123456Z"), Instant.parse("2026-12-07T15:03:42Z"),
                Instant.parse("2026-12-07T15:03:42.000001Z"), Instant.parse("2030-01-01T00:00:00.999999999Z")};
        String[] details = {null, "", "{\"note\":\"请在 15 日内答复 — ünïcode 😀\"}", "x".repeat(70_000)};
        for (int i = 0; i < seqs.length; i++) {
            // the previous hash as if the entry before it in the chain (another request's, perhaps) had this one
            prev = AuditTrail.hash(seqs[i] - 1, times[0], "RR-ELSEWHERE", "a", "b", null, prev);
            String hash = AuditTrail.hash(seqs[i], times[i % 4], reference, "actor " + i, "ACTION_" + i, details[i % 4],
                    prev);
            entries.add(new AuditEntry(seqs[i], times[i % 4], reference, "actor " + i, "ACTION_" + i, details[i % 4],
                    prev, hash));
        }
        return entries;
    }

    @Test
    void everyFieldComesBackExactlyAndEveryHashRecomputes() {
        List<AuditEntry> entries = chain("RR-20261207-0001", 1, 2, 900, 1_000_000_000_000L, 1_000_000_000_001L);
        byte[] sealed = SealedEntries.encode(entries);
        List<AuditEntry> back = SealedEntries.decode("RR-20261207-0001", sealed);
        assertThat(back).isEqualTo(entries);
        assertThat(back).allSatisfy(e -> assertThat(e.recomputedHash()).isEqualTo(e.hash()));
    }

    @Test
    void sevenTypicalEntriesTakeLessThanTwoThirdsOfTheirRowsContent() {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = "0".repeat(64);
        String[][] typical = {{"requester", "REQUEST_FILED", "{\"type\":\"ACCESS\",\"channel\":\"web\"}"},
                {"system", "VERIFICATION_CODE_SENT", "{\"channel\":\"EMAIL\",\"round\":1}"},
                {"requester", "VERIFIED", "{\"level\":1}"},
                {"system", "SYSTEM_STEP_DONE", "{\"system\":\"account-system\",\"operation\":\"COUNT\"}"},
                {"system", "REPORT_PUBLISHED", "{\"download\":\"3f2b\",\"expires\":\"2026-12-14T15:03:42Z\"}"},
                {"system", "REQUEST_COMPLETED", "{\"outcome\":\"COMPLETED\"}"},
                {"system", "DOWNLOAD_USED", "{\"uses\":1}"}};
        long seq = 4711;
        for (String[] e : typical) {
            seq += 13;
            Instant at = Instant.parse("2026-12-07T15:03:42.123456Z").plusSeconds(seq);
            String hash = AuditTrail.hash(seq, at, "RR-20261207-0001", e[0], e[1], e[2], prev);
            entries.add(new AuditEntry(seq, at, "RR-20261207-0001", e[0], e[1], e[2], prev, hash));
            prev = hash;
        }
        int rows = entries.stream().mapToInt(e -> 8 + 8 + 17 + e.actor().length() + e.action().length()
                + e.detail().length() + 65 + 65).sum();
        int sealed = SealedEntries.encode(entries).length;
        assertThat(sealed).isLessThan(rows * 2 / 3);
        // the hashes (64 bytes an entry) are most of it: they do not compress
        assertThat(sealed).isGreaterThan(7 * 64);
    }

    @Test
    void onlyWhatTheTrailWritesIsSealable() {
        AuditEntry entry = chain("RR-1", 1).get(0);
        assertThat(SealedEntries.sealable(entry)).isTrue();
        assertThat(SealedEntries.sealable(new AuditEntry(1, entry.at(), "RR-1", "a", "b", null,
                entry.prevHash().toUpperCase(), entry.hash()))).isFalse();
        assertThat(SealedEntries.sealable(new AuditEntry(1, entry.at(), "RR-1", "a", "b", null, entry.prevHash(),
                entry.hash().substring(1)))).isFalse();
    }

    @Test
    void aDamagedFormIsRefused() {
        byte[] sealed = SealedEntries.encode(chain("RR-1", 5, 6, 7));
        assertThatThrownBy(() -> SealedEntries.decode("RR-1", new byte[] {2, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedEntries.decode("RR-1", java.util.Arrays.copyOf(sealed, sealed.length / 2)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] flipped = sealed.clone();
        flipped[sealed.length - 2] ^= 0x01; // the deflated stream's checksum
        assertThatThrownBy(() -> SealedEntries.decode("RR-1", flipped)).isInstanceOf(IllegalArgumentException.class);
    }
}
