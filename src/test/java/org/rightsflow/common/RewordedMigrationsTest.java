package org.rightsflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database migrated before the comments of V2–V7 were reworded starts with them (their old checksums are taken
 * over), and a database whose migrations really differ from the released ones still stops the start.
 */
class RewordedMigrationsTest {

    private final DriverManagerDataSource database =
            new DriverManagerDataSource("jdbc:h2:mem:reworded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    /** The project's SQL migrations up to V7 (the later Java ones index the engine's tables, not needed here). */
    private Flyway flyway() {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target("7").load();
    }

    private void recordChecksum(String version, int checksum) {
        jdbc.update("update \"flyway_schema_history\" set \"checksum\" = ? where \"version\" = ?", checksum, version);
    }

    private int recordedChecksum(String version) {
        return jdbc.queryForObject("select \"checksum\" from \"flyway_schema_history\" where \"version\" = ?",
                Integer.class, version);
    }

    @Test
    void aDatabaseMigratedBeforeTheRewordingTakesOverTheNewChecksumsAndValidates() {
        flyway().migrate();
        assertThat(RewordedMigrations.acceptRewordedComments(flyway())).as("a database migrated today").isFalse();
        int current = recordedChecksum("3");
        RewordedMigrations.CHECKSUMS_BEFORE_REWORDING.forEach(this::recordChecksum);
        assertThat(flyway().validateWithResult().validationSuccessful).as("as an old database looks today").isFalse();

        assertThat(RewordedMigrations.acceptRewordedComments(flyway())).isTrue();

        assertThat(flyway().validateWithResult().validationSuccessful).isTrue();
        assertThat(recordedChecksum("3")).isEqualTo(current);
    }

    @Test
    void anotherChecksumIsNeverTakenOverAndStillStopsTheStart() {
        flyway().migrate();
        recordChecksum("2", RewordedMigrations.CHECKSUMS_BEFORE_REWORDING.get("2"));
        recordChecksum("4", 12345);

        assertThat(RewordedMigrations.acceptRewordedComments(flyway())).isFalse();

        assertThat(recordedChecksum("4")).isEqualTo(12345);
        assertThat(recordedChecksum("2")).as("nothing taken over when anything else differs")
                .isEqualTo(RewordedMigrations.CHECKSUMS_BEFORE_REWORDING.get("2"));
        assertThat(flyway().validateWithResult().validationSuccessful).isFalse();
    }

    @Test
    void aDatabaseThatIsMerelyBehindIsLeftToMigrate() {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("4").load().migrate();
        recordChecksum("3", RewordedMigrations.CHECKSUMS_BEFORE_REWORDING.get("3"));

        assertThat(RewordedMigrations.acceptRewordedComments(flyway())).as("reworded V3, pending V5–V7").isTrue();
        flyway().migrate();

        assertThat(flyway().validateWithResult().validationSuccessful).isTrue();
    }
}
