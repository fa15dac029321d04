package org.rightsflow.datamap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Looks up accounts of the built-in account system and the facts a request needs about them.
 * Lookups by email are case-insensitive and ignore surrounding spaces (emails are stored
 * lower-case). An unknown account is simply empty: callers must answer exactly as for a known
 * one (no account enumeration).
 */
@Component
public class AccountDirectory {

    /** Under this age (in completed years) a person is a minor whose data is all sensitive (PIPL Art. 28, 31). */
    public static final int MINOR_AGE = 14;
    /** Under this age a person is a minor (Civil Code Art. 17) for whom a guardian may act. */
    public static final int ADULT_AGE = 18;

    private static final String SELECT = "select id, email, phone, birth_date, guardian_email, guardian_phone,"
            + " legal_hold, open_investigation, contact_changed_at, status, deceased_on, deceased_instruction from account";

    private final JdbcTemplate jdbc;
    private final DataConnectors connectors;
    private final Clock clock;

    @Autowired
    public AccountDirectory(JdbcTemplate jdbc, DataConnectors connectors, ObjectProvider<Clock> clock) {
        this(jdbc, connectors, clock.getIfAvailable(Clock::systemUTC));
    }

    public AccountDirectory(JdbcTemplate jdbc, DataConnectors connectors, Clock clock) {
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.clock = clock;
    }

    public Optional<AccountFacts> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return first(jdbc.query(SELECT + " where email = ?", mapper(), normalise(email)));
    }

    public Optional<AccountFacts> findById(long id) {
        return first(jdbc.query(SELECT + " where id = ?", mapper(), id));
    }

    /**
     * The accounts whose data must be preserved: under legal hold or with an open investigation. Nothing of theirs is
     * erased on the product's own initiative (the nightly sweep passes them over); a request of theirs goes to a
     * person's review instead.
     */
    public List<Long> accountsOnHold() {
        return jdbc.queryForList("select id from account where legal_hold = true or open_investigation = true"
                + " order by id", Long.class);
    }

    /**
     * The categories held for the account that count as sensitive personal information: those
     * the data map marks sensitive (real-name and payment data) that have rows (or may have: see
     * {@link #mayHold}). For a minor under
     * 14 every category that has rows counts, because all personal information of a minor under
     * 14 is sensitive (PIPL Art. 28). Empty for an unknown account.
     */
    public Set<DataCategory> sensitiveCategoriesHeld(long accountId) {
        Optional<AccountFacts> account = findById(accountId);
        if (account.isEmpty()) {
            return Set.of();
        }
        boolean minor = account.get().minor();
        DataMap dataMap = connectors.dataMap();
        Set<DataCategory> held = EnumSet.noneOf(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            if ((minor || dataMap.isSensitive(category)) && mayHold(dataMap, category, accountId)) {
                held.add(category);
            }
        }
        return Collections.unmodifiableSet(held);
    }

    /**
     * Whether some system holds rows of the category for the account. A system that only its worker or a data
     * operator can count is taken to hold them: the stronger verification is never skipped for want of a count.
     */
    private boolean mayHold(DataMap dataMap, DataCategory category, long accountId) {
        for (MappedCategory mapping : dataMap.mappings(category)) {
            SystemConnector connector = connectors.forMapping(mapping);
            if (!connector.supports(ConnectorOperation.COUNT) || connector.count(category, accountId) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The form in which emails are stored and compared: trimmed, lower-case. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether someone born on {@code birthDate} is under 14 on {@code today}. */
    public static boolean isMinor(LocalDate birthDate, LocalDate today) {
        return birthDate != null && Period.between(birthDate, today).getYears() < MINOR_AGE;
    }

    /** Whether someone born on {@code birthDate} is under 18 on {@code today}. */
    public static boolean isUnderAge(LocalDate birthDate, LocalDate today) {
        return birthDate != null && Period.between(birthDate, today).getYears() < ADULT_AGE;
    }

    private RowMapper<AccountFacts> mapper() {
        LocalDate today = LocalDate.now(clock.withZone(DataMap.ZONE));
        return (rs, n) -> {
            OffsetDateTime contactChanged = rs.getObject("contact_changed_at", OffsetDateTime.class);
            LocalDate birthDate = rs.getObject("birth_date", LocalDate.class);
            Instant contactChangedAt = contactChanged == null ? null : contactChanged.toInstant();
            return new AccountFacts(
                    rs.getLong("id"),
                    rs.getString("email"),
                    rs.getString("phone"),
                    isMinor(birthDate, today),
                    rs.getString("guardian_email"),
                    rs.getString("guardian_phone"),
                    rs.getBoolean("legal_hold"),
                    rs.getBoolean("open_investigation"),
                    contactChangedAt,
                    rs.getString("status"),
                    isUnderAge(birthDate, today),
                    rs.getObject("deceased_on", LocalDate.class) != null,
                    rs.getBoolean("deceased_instruction"));
        };
    }

    private static Optional<AccountFacts> first(List<AccountFacts> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
}
