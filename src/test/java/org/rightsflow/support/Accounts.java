package org.rightsflow.support;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accounts of a test's own in the account system (never the shared demo accounts): {@code
 * Accounts.account(email).displayName("Lin Qiaoyun Test").legalHold().insert(jdbc)}. Only the columns a test sets
 * are written, so every other column keeps the schema's default (status ACTIVE, no legal hold, created now).
 *
 * <p>Names: the personal-data scans look for every account's name as a substring of the engine's tables and logs,
 * so give an account a realistic name of six or more characters that no model, activity or variable contains.
 */
public final class Accounts {

    private Accounts() {
    }

    public static NewAccount account(String email) {
        return new NewAccount(email);
    }

    /** A mobile number no other test account has, for a test whose codes go to the phone. */
    public static String uniquePhone() {
        return "+86137" + String.format("%08d", System.nanoTime() % 100_000_000L);
    }

    /** An account about to be inserted: the columns set so far. */
    public static final class NewAccount {

        private final Map<String, Object> columns = new LinkedHashMap<>();

        private NewAccount(String email) {
            columns.put("email", email);
        }

        public NewAccount phone(String phone) {
            return set("phone", phone);
        }

        public NewAccount displayName(String displayName) {
            return set("display_name", displayName);
        }

        public NewAccount birthDate(LocalDate birthDate) {
            return set("birth_date", Date.valueOf(birthDate));
        }

        /** yyyy-MM-dd */
        public NewAccount birthDate(String birthDate) {
            return birthDate(LocalDate.parse(birthDate));
        }

        /** The guardian on file of a minor's account. */
        public NewAccount guardian(String email, String phone) {
            return set("guardian_email", email).set("guardian_phone", phone);
        }

        /** Under legal hold: triage sends every request of the account to the exemption review. */
        public NewAccount legalHold() {
            return set("legal_hold", true);
        }

        /** When the account was opened (default: now). */
        public NewAccount createdAt(Instant createdAt) {
            return set("created_at", Timestamp.from(createdAt));
        }

        /** The holder died on {@code on}; {@code instruction}: they left an instruction about their data. */
        public NewAccount deceased(LocalDate on, boolean instruction) {
            return set("deceased_on", Date.valueOf(on)).set("deceased_instruction", instruction);
        }

        /** When the contact on file last changed (null: never). */
        public NewAccount contactChangedAt(Instant changedAt) {
            return set("contact_changed_at", changedAt == null ? null : Timestamp.from(changedAt));
        }

        /** The columns as they will be written (for a test that writes them itself, through a connector). */
        public Map<String, Object> columns() {
            return Collections.unmodifiableMap(columns);
        }

        /** Inserts the account and returns its id. */
        public long insert(JdbcTemplate jdbc) {
            String names = String.join(", ", columns.keySet());
            String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
            jdbc.update("insert into account (" + names + ") values (" + marks + ")", columns.values().toArray());
            return jdbc.queryForObject("select id from account where email = ?", Long.class, columns.get("email"));
        }

        private NewAccount set(String column, Object value) {
            columns.put(column, value);
            return this;
        }
    }
}
