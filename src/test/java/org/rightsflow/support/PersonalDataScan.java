package org.rightsflow.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Searches every text and binary column of the engine's tables (runtime, history, byte arrays: what Cockpit and
 * auditors can see) for personal data. PostgreSQL only.
 */
public final class PersonalDataScan {

    private PersonalDataScan() {
    }

    /** The personal data of the demo accounts: emails, phones and display names held in the account table. */
    public static List<String> demoPersonalData(JdbcTemplate jdbc) {
        List<String> needles = new ArrayList<>();
        jdbc.query("select email, phone, display_name, guardian_email, guardian_phone from account", rs -> {
            for (int i = 1; i <= 5; i++) {
                String value = rs.getString(i);
                if (value != null && !value.isBlank()) {
                    needles.add(value);
                }
            }
        });
        jdbc.query("select id_number, full_name from account_real_name", rs -> {
            needles.add(rs.getString(1));
            needles.add(rs.getString(2));
        });
        return needles;
    }

    /** @return "table.column: value" for every hit */
    public static List<String> engineTablesContaining(JdbcTemplate jdbc, List<String> needles) {
        List<String> hits = new ArrayList<>();
        jdbc.query("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema() and table_name like 'act\\_%'
                  and data_type in ('character varying', 'text', 'bytea')""", rs -> {
            String table = rs.getString(1);
            String column = rs.getString(2);
            boolean binary = rs.getString(3).equals("bytea");
            for (String needle : needles) {
                String condition = binary ? "position(convert_to(?, 'UTF8') in " + column + ") > 0"
                        : "position(lower(?) in lower(" + column + ")) > 0";
                Integer count = jdbc.queryForObject("select count(*) from " + table + " where " + condition,
                        Integer.class, needle);
                if (count != null && count > 0) {
                    hits.add(table + "." + column + ": " + needle);
                }
            }
        });
        return hits;
    }
}
