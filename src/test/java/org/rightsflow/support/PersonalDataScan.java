package org.rightsflow.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Searches every text and binary column of the engine's tables (runtime, history, byte arrays: what Cockpit and
 * auditors can see), log files and mail for personal data. PostgreSQL only.
 */
public final class PersonalDataScan {

    private PersonalDataScan() {
    }

    /** The personal data of one account: email, phone and display name (and a guardian's), real name, ID number. */
    public static List<String> personalDataOf(JdbcTemplate jdbc, String accountEmail) {
        List<String> needles = new ArrayList<>();
        jdbc.query("""
                select a.email, a.phone, a.display_name, a.guardian_email, a.guardian_phone, r.id_number, r.full_name
                from account a left join account_real_name r on r.account_id = a.id where lower(a.email) = lower(?)""",
                rs -> {
                    for (int i = 1; i <= 7; i++) {
                        String value = rs.getString(i);
                        if (value != null && !value.isBlank()) {
                            needles.add(value);
                        }
                    }
                }, accountEmail);
        return needles;
    }

    /**
     * @return "table.column: value" for every column of an engine table that holds a needle (case-insensitive). Each
     *     table is read once and searched here: a query per needle and column took minutes once the suite had filled
     *     the history tables.
     */
    public static List<String> engineTablesContaining(JdbcTemplate jdbc, List<String> needles) {
        List<String> lowered = needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        Set<String> hits = new LinkedHashSet<>();
        engineTextColumns(jdbc).forEach((table, cols) -> {
            String select = "select " + String.join(", ", cols.stream().map(c -> c[0]).toList()) + " from " + table;
            jdbc.query(select, rs -> {
                for (int i = 0; i < cols.size(); i++) {
                    String text = cols.get(i)[1].equals("bytea") ? bytes(rs.getBytes(i + 1)) : rs.getString(i + 1);
                    if (text == null || text.isEmpty()) {
                        continue;
                    }
                    String lowerText = text.toLowerCase(Locale.ROOT);
                    for (int n = 0; n < lowered.size(); n++) {
                        if (lowerText.contains(lowered.get(n))) {
                            hits.add(table + "." + cols.get(i)[0] + ": " + needles.get(n));
                        }
                    }
                }
            });
        });
        return List.copyOf(hits);
    }

    /** table → its text and binary columns ({name, data type}), for every engine table */
    private static Map<String, List<String[]>> engineTextColumns(JdbcTemplate jdbc) {
        Map<String, List<String[]>> columns = new LinkedHashMap<>();
        jdbc.query("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema() and table_name like 'act\\_%'
                  and data_type in ('character varying', 'text', 'bytea') order by table_name, ordinal_position""",
                rs -> {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(3)});
                });
        return columns;
    }

    /**
     * What kind of personal data a needle is: reported instead of the value, so a failure does not repeat it.
     * {@code TYPED_TEXT}: free text a requester typed into a request (a correction's value, a recipient's name).
     */
    public enum Kind { EMAIL, PHONE, NAME, ID_NUMBER, TYPED_TEXT }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern TYPED_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Pattern TYPED_PHONE = Pattern.compile("\\+?[\\d\\s-]{7,}");

    /**
     * Everything requesters typed into the requests in the database: the account email as filed (known account or
     * not), each correction's value, a transfer's recipient name and email, an EXPLAIN question, the answer to a
     * clarification. Values of fewer than 6 characters are left
     * out (they would be found everywhere by chance). Owner -1: the scan looks for them in places that never hold any.
     */
    public static List<Needle> textRequestersTyped(JdbcTemplate jdbc) {
        Map<String, Needle> needles = new LinkedHashMap<>();
        jdbc.query("select account_email, details from rights_request", rs -> {
            typed(needles, rs.getString(1));
            String details = rs.getString(2);
            if (details == null) {
                return;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(details);
                for (com.fasterxml.jackson.databind.JsonNode change : node.path("corrections")) {
                    typed(needles, change.path("value").asText(null));
                }
                typed(needles, node.path("recipientName").asText(null));
                typed(needles, node.path("recipientEmail").asText(null));
                typed(needles, node.path("question").asText(null));
            } catch (java.io.IOException unreadable) {
                // stored by the application: always JSON
                throw new UncheckedIOException(unreadable);
            }
        });
        // a close relative's own address for the answers (they have no contact on file)
        jdbc.query("select relative_contact_email from rights_request where relative_contact_email is not null", rs -> {
            typed(needles, rs.getString(1));
        });
        // a paused request's clarification: the requester's answer
        jdbc.query("select answer from clarification where answer is not null", rs -> {
            typed(needles, rs.getString(1));
        });
        return List.copyOf(needles.values());
    }

    private static void typed(Map<String, Needle> needles, String value) {
        if (value == null || value.strip().length() < 6) {
            return;
        }
        String v = value.strip();
        Kind kind = TYPED_EMAIL.matcher(v).matches() ? Kind.EMAIL
                : TYPED_PHONE.matcher(v).matches() ? Kind.PHONE : Kind.TYPED_TEXT;
        add(needles, kind, v, -1L);
    }

    /** One personal value and the accounts it belongs to (a test name such as 测试用户 belongs to many). */
    public record Needle(Kind kind, String value, Set<Long> owners) {
    }

    /**
     * The email, phone, name and ID number of every account in the account tables now (the demo accounts and those
     * tests inserted; an erased account no longer has any).
     */
    public static List<Needle> personalDataOfEveryAccount(JdbcTemplate jdbc) {
        Map<String, Needle> needles = new LinkedHashMap<>();
        jdbc.query("select id, email, phone, display_name, guardian_email, guardian_phone from account", rs -> {
            long id = rs.getLong(1);
            add(needles, Kind.EMAIL, rs.getString(2), id);
            add(needles, Kind.PHONE, rs.getString(3), id);
            add(needles, Kind.NAME, rs.getString(4), id);
            add(needles, Kind.EMAIL, rs.getString(5), id);
            add(needles, Kind.PHONE, rs.getString(6), id);
        });
        jdbc.query("select account_id, full_name, id_number from account_real_name", rs -> {
            add(needles, Kind.NAME, rs.getString(2), rs.getLong(1));
            add(needles, Kind.ID_NUMBER, rs.getString(3), rs.getLong(1));
        });
        return List.copyOf(needles.values());
    }

    private static void add(Map<String, Needle> needles, Kind kind, String value, long owner) {
        if (value == null || value.isBlank()) {
            return;
        }
        String key = Finder.normalise(kind, value);
        needles.computeIfAbsent(kind + " " + key, k -> new Needle(kind, value.trim(), new TreeSet<>())).owners().add(owner);
    }

    /**
     * Every address mail to an account goes to, lower-case, with the accounts behind it: its email, its guardian's,
     * the demo SMS channel's {@code sms+<digits>@demo.invalid} of either phone, and the email a request was filed
     * with (an account's email may have been corrected since).
     */
    public static Map<String, Set<Long>> accountsByAddress(JdbcTemplate jdbc) {
        Map<String, Set<Long>> owners = new HashMap<>();
        jdbc.query("select id, email, guardian_email, phone, guardian_phone from account", rs -> {
            long id = rs.getLong(1);
            for (String address : new String[] {rs.getString(2), rs.getString(3), sms(rs.getString(4)), sms(rs.getString(5))}) {
                if (address != null) {
                    owners.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new TreeSet<>()).add(id);
                }
            }
        });
        jdbc.query("select distinct lower(account_email), account_id from rights_request where account_id is not null",
                rs -> {
                    owners.computeIfAbsent(rs.getString(1), a -> new TreeSet<>()).add(rs.getLong(2));
                });
        return owners;
    }

    private static String sms(String phone) {
        return phone == null || phone.isBlank() ? null : "sms+" + phone.replaceAll("\\D", "") + "@demo.invalid";
    }

    /**
     * Finds needles in text quickly enough for whole tables and logs: emails and digit strings (phones, ID numbers)
     * are cut out of the text and looked up; names, few, are searched for. URL-encoded text ({@code %40}, {@code %2B})
     * is decoded first, and a phone is found with or without its + and country code.
     */
    public static final class Finder {

        private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
        private static final Pattern DIGITS = Pattern.compile("\\d{6,}[0-9Xx]?");
        private final Map<String, Needle> exact = new HashMap<>();
        private final List<Needle> names = new ArrayList<>();

        public Finder(List<Needle> needles) {
            for (Needle needle : needles) {
                switch (needle.kind()) {
                    case NAME, TYPED_TEXT -> names.add(needle);
                    case PHONE -> {
                        String digits = normalise(Kind.PHONE, needle.value());
                        exact.put(digits, needle);
                        if (digits.startsWith("86") && digits.length() == 13) {
                            exact.put(digits.substring(2), needle); // the mobile number without the country code
                        }
                    }
                    default -> exact.put(normalise(needle.kind(), needle.value()), needle);
                }
            }
        }

        static String normalise(Kind kind, String value) {
            return switch (kind) {
                case PHONE -> value.replaceAll("\\D", "");
                case EMAIL, ID_NUMBER -> value.trim().toLowerCase(Locale.ROOT);
                case NAME, TYPED_TEXT -> value.trim();
            };
        }

        public int size() {
            return exact.size() + names.size();
        }

        /** The needles in the text, each once. */
        public Set<Needle> in(String text) {
            Set<Needle> found = new LinkedHashSet<>();
            if (text == null || text.isEmpty()) {
                return found;
            }
            String decoded = text;
            if (text.indexOf('%') >= 0) {
                try {
                    decoded = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notUrlEncoded) {
                    decoded = text.replace("%40", "@").replace("%2B", "+").replace("%2b", "+");
                }
            }
            for (String candidate : decoded.equals(text) ? List.of(text) : List.of(text, decoded)) {
                Matcher email = EMAIL.matcher(candidate);
                while (email.find()) {
                    Needle needle = exact.get(email.group().toLowerCase(Locale.ROOT));
                    if (needle != null) {
                        found.add(needle);
                    }
                }
                Matcher digits = DIGITS.matcher(candidate);
                while (digits.find()) {
                    Needle needle = exact.get(digits.group().toLowerCase(Locale.ROOT));
                    if (needle != null) {
                        found.add(needle);
                    }
                }
                for (Needle name : names) {
                    if (candidate.contains(name.value())) {
                        found.add(name);
                    }
                }
            }
            return found;
        }
    }

    /** @return "table.column: KIND" for every column of an engine table holding some needle (values not repeated) */
    public static Set<String> engineTableHits(JdbcTemplate jdbc, Finder finder) {
        Map<String, List<String[]>> columns = engineTextColumns(jdbc);
        Set<String> hits = new TreeSet<>();
        columns.forEach((table, cols) -> {
            String select = "select " + String.join(", ", cols.stream().map(c -> c[0]).toList()) + " from " + table;
            jdbc.query(select, rs -> {
                for (int i = 0; i < cols.size(); i++) {
                    String text = cols.get(i)[1].equals("bytea")
                            ? bytes(rs.getBytes(i + 1)) : rs.getString(i + 1);
                    for (Needle needle : finder.in(text)) {
                        hits.add(table + "." + cols.get(i)[0] + ": " + needle.kind());
                    }
                }
            });
        });
        return hits;
    }

    private static String bytes(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** @return "file:line: KIND" for every line of a log file holding some needle */
    public static List<String> logHits(Path log, Finder finder) {
        List<String> hits = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                for (Needle needle : finder.in(line)) {
                    hits.add(log.getFileName() + ":" + number + ": " + needle.kind());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }
}
