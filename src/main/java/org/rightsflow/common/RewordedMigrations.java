package org.rightsflow.common;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The comments of migrations V2 to V7 once cited the product's contract by section number, from a document that was
 * never part of the repository; they now cite {@code docs/} (docs/decisions.md, "Applied migrations keep their
 * words"). Flyway checksums every line, comments included, so a database migrated before that rewording would
 * refuse to start. Before migrating, a database whose only checksum mismatches are these migrations, each recorded
 * with exactly its checksum from before the rewording, gets the new checksums recorded (Flyway's repair); any other
 * mismatch, or any other validation problem, still stops the start as Flyway's validation always did.
 */
@Configuration(proxyBeanMethods = false)
public class RewordedMigrations {

    /** Version → checksum of the migration as first released, before only its comments were reworded. */
    static final Map<String, Integer> CHECKSUMS_BEFORE_REWORDING = Map.of(
            "2", -687783284, "3", 191563472, "4", -1216271635, "5", -2087645437, "6", 1788461103, "7", 1094116719);

    @Bean
    FlywayMigrationStrategy migrateAcceptingRewordedComments() {
        return flyway -> {
            acceptRewordedComments(flyway);
            flyway.migrate();
        };
    }

    /** Records the new checksums when the only mismatches are the reworded migrations; true if it did. */
    static boolean acceptRewordedComments(Flyway flyway) {
        ValidateResult result = flyway.validateWithResult();
        if (result.validationSuccessful) {
            return false;
        }
        var mismatches = result.invalidMigrations.stream().filter(RewordedMigrations::isChecksumMismatch).toList();
        boolean onlyPending = result.invalidMigrations.stream()
                .allMatch(m -> isChecksumMismatch(m) || isPending(m));
        if (mismatches.isEmpty() || !onlyPending) {
            return false;
        }
        Map<String, Integer> applied = Stream.of(flyway.info().applied())
                .filter(info -> info.getVersion() != null && info.getChecksum() != null)
                .collect(Collectors.toMap(info -> info.getVersion().getVersion(), MigrationInfo::getChecksum, (a, b) -> b));
        boolean allReworded = mismatches.stream().allMatch(m ->
                CHECKSUMS_BEFORE_REWORDING.containsKey(m.version)
                        && Objects.equals(CHECKSUMS_BEFORE_REWORDING.get(m.version), applied.get(m.version)));
        if (!allReworded) {
            return false;
        }
        flyway.repair();
        return true;
    }

    private static boolean isChecksumMismatch(ValidateOutput output) {
        return output.errorDetails != null && output.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH;
    }

    /** A migration not applied yet: validation reports it, migrating applies it. */
    private static boolean isPending(ValidateOutput output) {
        return output.errorDetails != null
                && output.errorDetails.errorCode == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED;
    }
}
