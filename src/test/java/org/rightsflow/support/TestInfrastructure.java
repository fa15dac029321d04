package org.rightsflow.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The real parts the Spring Boot tests run against, started once per JVM and shared by every test class:
 * an embedded PostgreSQL server and a GreenMail SMTP server.
 */
public final class TestInfrastructure {

    /** System property: {@code true} starts PostgreSQL with production's durable commits (the benchmark's what-if). */
    public static final String DURABLE_COMMITS = "bench.durableCommits";
    /** Benchmarks only: load pg_stat_statements so that a figure can print where the database's time went. */
    public static final String STATEMENT_STATISTICS = "bench.statements";

    private static EmbeddedPostgres postgres;
    private static GreenMail mail;
    private static java.nio.file.Path calendarFile;
    private static String billingDatabase;
    private static org.springframework.jdbc.core.JdbcTemplate billingJdbc;

    private TestInfrastructure() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (Boolean.getBoolean(DURABLE_COMMITS)) {
                    // embedded PostgreSQL runs with fsync and synchronous_commit off: fast tests, but a commit then
                    // costs nothing like a production server's, where it waits for the WAL to reach the disk
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                if (Boolean.getBoolean(STATEMENT_STATISTICS)) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                            .setServerConfig("pg_stat_statements.track", "all");
                }
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return postgres;
    }

    /**
     * A second database on the shared server for the billing system (the data map's connection "billing"), created
     * once per JVM: every right is exercised across two databases.
     */
    public static synchronized String billingDatabaseUrl() {
        if (billingDatabase == null) {
            new org.springframework.jdbc.core.JdbcTemplate(postgres().getPostgresDatabase()).execute(
                    "create database billing");
            billingDatabase = postgres().getJdbcUrl("postgres", "billing");
        }
        return billingDatabase;
    }

    /** The billing system's database, as the tests query it directly. */
    private static final java.util.Map<String, String> databases = new java.util.HashMap<>();

    /**
     * The URL of a database of its own on the shared embedded server, created on first use: a second application
     * context needs its own (two engines on one database would run each other's jobs).
     */
    public static synchronized String databaseUrl(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database name " + name);
        }
        return databases.computeIfAbsent(name, n -> {
            new org.springframework.jdbc.core.JdbcTemplate(postgres().getPostgresDatabase()).execute(
                    "create database " + n);
            return postgres().getJdbcUrl("postgres", n);
        });
    }

    /** A JdbcTemplate on a database made by {@link #databaseUrl}. */
    public static synchronized org.springframework.jdbc.core.JdbcTemplate jdbcOf(String name) {
        databaseUrl(name);
        return new org.springframework.jdbc.core.JdbcTemplate(postgres().getDatabase("postgres", name));
    }

    public static synchronized org.springframework.jdbc.core.JdbcTemplate billingJdbc() {
        if (billingJdbc == null) {
            billingDatabaseUrl();
            billingJdbc = new org.springframework.jdbc.core.JdbcTemplate(postgres().getDatabase("postgres", "billing"));
        }
        return billingJdbc;
    }

    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        }
        return mail;
    }

    /**
     * Where the application looks for the administrator's working-day calendar file: in a temporary directory of
     * this JVM, absent until a test writes it (and removed again by that test).
     */
    public static synchronized java.nio.file.Path calendarFile() {
        if (calendarFile == null) {
            try {
                calendarFile = java.nio.file.Files.createTempDirectory("rightsflow-calendar").resolve("cn-holidays.txt");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return calendarFile;
    }

    /**
     * The suite files hundreds of requests for the same demo accounts from one address, so the abuse limits are
     * raised for it; they are tested with their defaults on separate nodes ({@code AbuseResistanceIT}) and directly
     * ({@code LimitsTest}). {@code property} receives name and value (a registry's or a command line's).
     */
    public static void raiseAbuseLimits(java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> property) {
        for (String limit : java.util.List.of("wrong-codes-per-account-per-day", "open-unverified-per-account",
                "messages-per-contact-per-hour", "messages-per-contact-per-day", "filings-per-client-per-minute",
                "filings-per-client-per-hour")) {
            property.accept("rightsflow.limits." + limit, () -> "1000000");
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
