package org.rightsflow.datamap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, migrated databases for the data-map, access-report and demo-data tests: one embedded
 * PostgreSQL per test JVM with a new database per call, or an in-memory H2 database.
 *
 * <p>Migrations run from {@code classpath:db/migration} like the application does. If another
 * migration in that folder fails (work in progress elsewhere), the database is recreated with
 * a copy of only {@code V2__account_system.sql}, which is what these tests are about (it still
 * creates the tables that the billing system now holds in a database of its own).
 */
public final class TestDatabases {

    public static final String ACCOUNT_SYSTEM_MIGRATION = "db/migration/V2__account_system.sql";
    /** The account system's later migration: the record of a holder's death (close relatives' requests). */
    public static final String ACCOUNT_DEATHS_MIGRATION = "db/migration/V23__account_holders_deaths.sql";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static Path ownMigrationOnly;
    private static volatile boolean allMigrationsFail;

    private TestDatabases() {
    }

    /**
     * A new, empty PostgreSQL database with the migrations applied, and the demo billing system's tables beside them
     * (every system of the default data map in one database, for connectors built by hand).
     */
    public static DataSource freshPostgres() {
        DataSource ds = newPostgresDatabase();
        if (!allMigrationsFail) {
            try {
                migrate(ds, "classpath:db/migration");
                new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator(
                        new ClassPathResource(org.rightsflow.demo.DemoAccountsSeeder.BILLING_SCHEMA)).execute(ds);
                return ds;
            } catch (FlywayException e) {
                allMigrationsFail = true;
                System.err.println("[TestDatabases] the full migration set fails (" + e.getMessage()
                        + "); using only " + ACCOUNT_SYSTEM_MIGRATION);
                ds = newPostgresDatabase();
            }
        }
        migrate(ds, "filesystem:" + ownMigrationOnly());
        return ds;
    }

    /** A new PostgreSQL database without any table. */
    public static DataSource emptyPostgres() {
        return newPostgresDatabase();
    }

    /** A new in-memory H2 database with only the account-system migration (and the billing system's tables). */
    public static DataSource h2WithOnlyAccountSystem() {
        DataSource ds = newH2Database();
        migrate(ds, "filesystem:" + ownMigrationOnly());
        billingSystem(ds);
        return ds;
    }

    /** A new PostgreSQL database with only the account-system migration (and the billing system's tables). */
    public static DataSource postgresWithOnlyAccountSystem() {
        DataSource ds = newPostgresDatabase();
        migrate(ds, "filesystem:" + ownMigrationOnly());
        billingSystem(ds);
        return ds;
    }

    /** The demo billing system's tables, beside the account system's (missing ones only: V2 created the first ones). */
    private static void billingSystem(DataSource ds) {
        new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator(
                new ClassPathResource(org.rightsflow.demo.DemoAccountsSeeder.BILLING_SCHEMA)).execute(ds);
    }

    private static void migrate(DataSource ds, String location) {
        Flyway.configure().dataSource(ds).locations(location)
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
    }

    private static synchronized DataSource newPostgresDatabase() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
            String name = "rightsflow_test_" + SEQUENCE.incrementAndGet();
            try (Connection con = postgres.getPostgresDatabase().getConnection();
                 Statement st = con.createStatement()) {
                st.execute("create database " + name);
            }
            return postgres.getDatabase("postgres", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start or use the embedded PostgreSQL", e);
        }
    }

    private static DataSource newH2Database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rightsflow_test_" + SEQUENCE.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private static synchronized Path ownMigrationOnly() {
        if (ownMigrationOnly == null) {
            try (InputStream in = new ClassPathResource(ACCOUNT_SYSTEM_MIGRATION).getInputStream();
                 InputStream deaths = new ClassPathResource(ACCOUNT_DEATHS_MIGRATION).getInputStream()) {
                Path dir = Files.createTempDirectory("rightsflow-account-system-migration");
                Files.copy(in, dir.resolve("V2__account_system.sql"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(deaths, dir.resolve("V23__account_holders_deaths.sql"), StandardCopyOption.REPLACE_EXISTING);
                dir.toFile().deleteOnExit();
                dir.resolve("V2__account_system.sql").toFile().deleteOnExit();
                dir.resolve("V23__account_holders_deaths.sql").toFile().deleteOnExit();
                ownMigrationOnly = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ownMigrationOnly;
    }
}
