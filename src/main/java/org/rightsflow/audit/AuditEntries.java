package org.rightsflow.audit;

import static org.rightsflow.common.Sql.instant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a request's audit entries wherever they are, and seals a closed request's entries into one row.
 *
 * <p>Sealing (docs/retention.md, "A closed request's records"): once a closed request's records are reduced, its
 * entries leave {@code audit_entry} for one row of {@code audit_seal} holding every field of every entry, the hashes
 * included ({@link SealedEntries}). Nothing of the chain is lost: each sealed entry's hash recomputes from its fields
 * exactly as before, the next entry (sealed or not) still names it as its previous hash, and {@link AuditVerifier}
 * walks sealed and live entries together in sequence order, so changing, removing or adding a sealed entry is found
 * like any other. What goes is the cost of seven rows and their index entries per request: about a quarter of the
 * bytes (BENCHMARKS.md, figure 9 after the TTL).
 */
@Service
public class AuditEntries {

    private final JdbcClient jdbc;

    public AuditEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The request's entries in sequence order: its rows and its sealed entries together. */
    @Transactional(readOnly = true)
    public List<AuditEntry> of(String reference) {
        List<AuditEntry> entries = new ArrayList<>(rowsOf(reference));
        jdbc.sql("select first_seq, content from audit_seal where reference = :reference order by first_seq")
                .param("reference", reference)
                .query((rs, n) -> unseal(reference, rs.getLong("first_seq"), rs.getBytes("content")))
                .list().forEach(entries::addAll);
        entries.sort(Comparator.comparingLong(AuditEntry::seq));
        return entries;
    }

    /**
     * The stored hash of entry {@code seq}, in its own row or sealed with its request; empty when there is no such
     * entry (it was removed). A sealed entry is found among the seals that begin at or before it, nearest first.
     */
    @Transactional(readOnly = true)
    public Optional<String> hashOf(long seq) {
        Optional<String> live = jdbc.sql("select hash from audit_entry where seq = :seq").param("seq", seq)
                .query(String.class).optional();
        if (live.isPresent()) {
            return live;
        }
        long before = seq + 1;
        while (true) {
            List<Object[]> seals = jdbc.sql("""
                    select reference, first_seq, content from audit_seal
                    where first_seq < :before and last_seq >= :seq
                    order by first_seq desc fetch first 100 rows only""")
                    .param("before", before).param("seq", seq)
                    .query((rs, n) -> new Object[] {rs.getString("reference"), rs.getLong("first_seq"),
                            rs.getBytes("content")})
                    .list();
            for (Object[] seal : seals) {
                for (AuditEntry entry : unseal((String) seal[0], (long) seal[1], (byte[]) seal[2])) {
                    if (entry.seq() == seq) {
                        return Optional.of(entry.hash());
                    }
                }
            }
            if (seals.size() < 100) {
                return Optional.empty();
            }
            before = (long) seals.get(seals.size() - 1)[1];
        }
    }

    /**
     * Seals the request's entries that are still rows of their own into one row of {@code audit_seal}, in the
     * caller's transaction (the closed request's reduction: the row and the removal commit together or not at all).
     * An entry recorded later (a staff member's download of the evidence pack, say) stays a row until a later call.
     *
     * @return how many entries it sealed (0: nothing left to seal, or an entry that would not decode to the same text)
     */
    @Transactional
    public int seal(String reference) {
        List<AuditEntry> entries = rowsOf(reference);
        if (entries.isEmpty() || !entries.stream().allMatch(SealedEntries::sealable)) {
            return 0;
        }
        byte[] content = SealedEntries.encode(entries);
        if (!SealedEntries.decode(reference, content).equals(entries)) {
            return 0; // kept as rows rather than sealed into something that reads differently
        }
        long first = entries.get(0).seq();
        long last = entries.get(entries.size() - 1).seq();
        jdbc.sql("insert into audit_seal (first_seq, last_seq, reference, content) values (:first, :last, :reference,"
                        + " :content)")
                .param("first", first).param("last", last).param("reference", reference).param("content", content)
                .update();
        int removed = jdbc.sql("delete from audit_entry where reference = :reference and seq between :first and :last")
                .param("reference", reference).param("first", first).param("last", last).update();
        if (removed != entries.size()) {
            // an entry appeared or went between the read and the delete: seal nothing rather than lose one
            throw new IllegalStateException("the audit entries of " + reference + " changed while being sealed");
        }
        return removed;
    }

    /** The request's entries that are rows of their own, in sequence order. */
    private List<AuditEntry> rowsOf(String reference) {
        return jdbc.sql("""
                select seq, at, reference, actor, action, detail, prev_hash, hash from audit_entry
                where reference = :reference order by seq""")
                .param("reference", reference)
                .query((rs, n) -> new AuditEntry(rs.getLong("seq"), instant(rs, "at"), rs.getString("reference"),
                        rs.getString("actor"), rs.getString("action"), rs.getString("detail"), rs.getString("prev_hash"),
                        rs.getString("hash")))
                .list();
    }

    /** A seal's entries, checked against its row (its first and last sequence numbers). */
    static List<AuditEntry> unseal(String reference, long firstSeq, byte[] content) {
        List<AuditEntry> entries;
        try {
            entries = SealedEntries.decode(reference, content);
        } catch (IllegalArgumentException e) {
            throw new SealUnreadable(reference, firstSeq, e.getMessage());
        }
        if (entries.get(0).seq() != firstSeq) {
            throw new SealUnreadable(reference, firstSeq, "its first entry is " + entries.get(0).seq());
        }
        return entries;
    }

    /** A row of {@code audit_seal} that is not what sealing wrote: it was changed. */
    public static final class SealUnreadable extends IllegalStateException {
        SealUnreadable(String reference, long firstSeq, String why) {
            super("the sealed audit entries of " + reference + " from entry " + firstSeq + " cannot be read (" + why
                    + "): they were changed");
        }
    }
}
