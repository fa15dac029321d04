package org.rightsflow.fulfilment.consent;

import static org.rightsflow.common.Sql.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current consent per account and purpose ({@code account_consent}, the account system's consent register) and
 * the history of withdrawals by request ({@code consent_ledger}). Code that processes personal data for a
 * consent-based purpose asks {@link #isAllowed} first. A withdrawal appends the ledger entry here; every system's
 * consent register (the account system's among them) records it through its connector in the request's steps.
 */
@Service
public class ConsentRegister {

    public static final String SOURCE_RIGHTS_REQUEST = "RIGHTS_REQUEST";

    public record LedgerEntry(long accountId, String purpose, boolean granted, Instant recordedAt, String source,
                              String requestReference) {
    }

    private final JdbcClient jdbc;

    public ConsentRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the purpose check answers. */
    public enum PurposeCheck {
        ALLOWED,
        /** no consent on record, or withdrawn (WITHDRAW_CONSENT) */
        NOT_CONSENTED,
        /** the requester restricted this processing (RESTRICT): storage and security only, until it is lifted */
        RESTRICTED
    }

    /**
     * Whether data of the category may be processed for the purpose now: a restriction in force that covers the
     * category and the purpose (either may be "all") answers RESTRICTED before consent is even asked.
     */
    @Transactional(readOnly = true)
    public PurposeCheck check(long accountId, String category, String purpose) {
        if (restricted(accountId, category, purpose)) {
            return PurposeCheck.RESTRICTED;
        }
        return consented(accountId, purpose) ? PurposeCheck.ALLOWED : PurposeCheck.NOT_CONSENTED;
    }

    /**
     * Whether personal data of the account may be processed for the purpose now. No recorded consent means no:
     * these purposes rest on consent alone (PIPL Art. 13(1)), and a deleted or restricted consent row is no consent.
     * A restriction of every category for the purpose (RESTRICT) is a no as well.
     */
    @Transactional(readOnly = true)
    public boolean isAllowed(long accountId, String purpose) {
        return !restricted(accountId, null, purpose) && consented(accountId, purpose);
    }

    /** @param category null: only a restriction of every category counts */
    private boolean restricted(long accountId, String category, String purpose) {
        Integer count = jdbc.sql("""
                select count(*) from processing_restriction where account_id = :account and status = 'ACTIVE'
                  and (categories is null or (',' || categories || ',') like :category)
                  and (purposes is null or (',' || purposes || ',') like :purpose)""")
                .param("account", accountId)
                .param("category", category == null ? "-" : "%," + category + ",%")
                .param("purpose", "%," + purpose + ",%").query(Integer.class).single();
        return count != null && count > 0;
    }

    private boolean consented(long accountId, String purpose) {
        Optional<Boolean> granted = jdbc.sql("""
                select granted from account_consent
                where account_id = :account and purpose = :purpose and restricted = false""")
                .param("account", accountId).param("purpose", purpose).query(Boolean.class).optional();
        return granted.orElse(false);
    }

    /**
     * Records a withdrawal for a request in the ledger (the time it was asked for). Each system's consent register
     * records it through its connector, in the request's steps. A second call for the same request and purpose (a
     * retried job) changes nothing.
     *
     * @return true when recorded now, false when this request had already recorded it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean withdraw(long accountId, String purpose, String requestReference, Instant at) {
        return jdbc.sql("""
                insert into consent_ledger (account_id, purpose, granted, recorded_at, source, request_reference)
                select :account, :purpose, false, :at, :source, :reference
                where not exists (select 1 from consent_ledger where request_reference = :reference and purpose = :purpose)""")
                .param("account", accountId).param("purpose", purpose).param("at", ts(at))
                .param("source", SOURCE_RIGHTS_REQUEST).param("reference", requestReference).update() > 0;
    }

    /**
     * The accounts whose current choice for the purpose is "no" (withdrawn, or refused), decided at or before
     * {@code decidedBy}, after {@code afterAccountId} in ascending order, at most {@code limit}: data that rests on
     * this consent alone has no basis for them (the nightly sweep erases it, page by page).
     */
    @Transactional(readOnly = true)
    public List<Long> accountsWithout(String purpose, Instant decidedBy, long afterAccountId, int limit) {
        return jdbc.sql("""
                select account_id from account_consent
                where purpose = :purpose and granted = false and changed_at <= :decidedBy and account_id > :after
                order by account_id fetch first :limit rows only""")
                .param("purpose", purpose).param("decidedBy", ts(decidedBy)).param("after", afterAccountId)
                .param("limit", limit).query(Long.class).list();
    }

    /** The ledger of an account, oldest first. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> ledger(long accountId) {
        return jdbc.sql("""
                select account_id, purpose, granted, recorded_at, source, request_reference from consent_ledger
                where account_id = :account order by id""")
                .param("account", accountId)
                .query((rs, n) -> new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)))
                .list();
    }
}
