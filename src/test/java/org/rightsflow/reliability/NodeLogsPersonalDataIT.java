package org.rightsflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.rightsflow.support.PersonalDataScan;
import org.rightsflow.support.TestInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 9 item 5 for the separate application JVMs: after CrashRecoveryIT and ClusterIT (this class runs last,
 * junit-platform.properties), no line of their node logs (target/nodes) and no engine table of their databases holds
 * the email, phone, name or ID number of any account in their databases.
 */
@Order(Integer.MAX_VALUE)
class NodeLogsPersonalDataIT {

    @Test
    void theNodesLoggedAndKeptNoPersonalData() throws IOException {
        JdbcTemplate server = new JdbcTemplate(TestInfrastructure.postgres().getPostgresDatabase());
        List<String> databases = server.queryForList(
                "select datname from pg_database where datname in ('crash_recovery', 'cluster', 'abuse')", String.class);
        Path nodes = Path.of("target", "nodes");
        assumeTrue(!databases.isEmpty() && Files.isDirectory(nodes), "no reliability IT ran in this JVM");

        List<PersonalDataScan.Needle> needles = new ArrayList<>();
        List<String> hits = new ArrayList<>();
        for (String database : databases) {
            JdbcTemplate jdbc = new JdbcTemplate(TestInfrastructure.postgres().getDatabase("postgres", database));
            List<PersonalDataScan.Needle> own = PersonalDataScan.personalDataOfEveryAccount(jdbc);
            needles.addAll(own);
            PersonalDataScan.engineTableHits(jdbc, new PersonalDataScan.Finder(own))
                    .forEach(hit -> hits.add(database + " " + hit));
        }
        assertThat(needles).isNotEmpty();
        PersonalDataScan.Finder finder = new PersonalDataScan.Finder(needles);
        try (var logs = Files.list(nodes)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                hits.addAll(PersonalDataScan.logHits(log, finder));
            }
        }
        assertThat(hits).as("personal data in node logs or engine tables").isEmpty();
    }
}
