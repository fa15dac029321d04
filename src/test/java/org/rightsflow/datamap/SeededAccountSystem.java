package org.rightsflow.datamap;

import org.rightsflow.demo.DemoAccountsSeeder;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.rightsflow.datamap.DataCategory.ACCOUNT;
import static org.rightsflow.datamap.DataCategory.BILLING;
import static org.rightsflow.datamap.DataCategory.CONSENTS;
import static org.rightsflow.datamap.DataCategory.CONTRACTS;
import static org.rightsflow.datamap.DataCategory.INVOICES;
import static org.rightsflow.datamap.DataCategory.OPERATION_LOGS;
import static org.rightsflow.datamap.DataCategory.PAYMENTS;
import static org.rightsflow.datamap.DataCategory.REAL_NAME;
import static org.rightsflow.datamap.DataCategory.SECURITY;
import static org.rightsflow.datamap.DataCategory.SUPPORT;

/**
 * A migrated database with the demo accounts and the data-map beans built by hand, as the
 * application wires them. {@link #shared()} is one read-only instance per test JVM.
 */
public record SeededAccountSystem(DataSource dataSource, JdbcTemplate jdbc, DataMap dataMap,
                                  DataConnectors connectors, AccountDirectory directory,
                                  DemoAccountsSeeder seeder) {

    /** chen.jie's operation-log size in these tests (the demo data's size is exercised by the demo-data test). */
    public static final int LARGE_ACCOUNT_ROWS = 30_000;

    /** What the seeder gives li.lei, per category, in the first system that maps it. */
    public static final Map<DataCategory, Long> LI_LEI_COUNTS = liLeiCounts();

    /**
     * What the seeder gives li.lei, per category, over every system: CONSENTS is held twice, 6 rows in the account
     * system's consent register and 2 in the billing system's preferences.
     */
    public static final Map<DataCategory, Long> LI_LEI_TOTALS = liLeiTotals();

    private static SeededAccountSystem shared;

    public static synchronized SeededAccountSystem shared() {
        if (shared == null) {
            shared = seed(TestDatabases.freshPostgres(), LARGE_ACCOUNT_ROWS, 100);
        }
        return shared;
    }

    /** Seeds the demo accounts (and waits for the large one) into a migrated database. */
    public static SeededAccountSystem seed(DataSource dataSource, int largeAccountRows, int fetchSize) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DemoAccountsSeeder seeder = new DemoAccountsSeeder(jdbc, largeAccountRows, Clock.systemUTC());
        seeder.seedAccounts();
        seeder.awaitLargeAccount(Duration.ofMinutes(5));
        DataMap dataMap = DataMap.load(DataMap.DEFAULT_LOCATIONS);
        DataConnectors connectors = new DataConnectors(dataMap, jdbc,
                new DataMapProperties(java.util.List.of(DataMap.DEFAULT_LOCATIONS), fetchSize, true, java.util.Map.of()));
        AccountDirectory directory = new AccountDirectory(jdbc, connectors, Clock.systemUTC());
        return new SeededAccountSystem(dataSource, jdbc, dataMap, connectors, directory, seeder);
    }

    public long accountId(String email) {
        return directory.findByEmail(email).orElseThrow().id();
    }

    private static Map<DataCategory, Long> liLeiTotals() {
        Map<DataCategory, Long> totals = new EnumMap<>(liLeiCounts());
        totals.put(CONSENTS, 8L);
        return Map.copyOf(totals);
    }

    private static Map<DataCategory, Long> liLeiCounts() {
        Map<DataCategory, Long> counts = new EnumMap<>(DataCategory.class);
        counts.put(ACCOUNT, 4L);
        counts.put(REAL_NAME, 1L);
        counts.put(SECURITY, 1L);
        counts.put(PAYMENTS, 3L);
        counts.put(BILLING, 4L);
        counts.put(INVOICES, 2L);
        counts.put(OPERATION_LOGS, 24L);
        counts.put(CONTRACTS, 1L);
        counts.put(SUPPORT, 2L);
        counts.put(CONSENTS, 6L);
        return Map.copyOf(counts);
    }
}
