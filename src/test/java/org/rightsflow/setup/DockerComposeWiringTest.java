package org.rightsflow.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is parsed (no Docker engine needed) and checked against what the postgres profile reads:
 * every variable the profile requires without a default is set for the app, and the addresses point at the
 * compose services.
 */
class DockerComposeWiringTest {

    @SuppressWarnings("unchecked")
    @Test
    void theComposeFileWiresPostgresMailAndTheApplication() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("postgres", "mail", "app");
        assertThat((String) ((Map<String, Object>) services.get("postgres")).get("image")).startsWith("postgres:16");

        Map<String, Object> app = (Map<String, Object>) services.get("app");
        Map<String, String> env = (Map<String, String>) app.get("environment");
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
        assertThat(env.get("DB_HOST")).isEqualTo("postgres");
        assertThat(env.get("SMTP_HOST")).isEqualTo("mail");
        Map<String, String> pgEnv = (Map<String, String>) ((Map<String, Object>) services.get("postgres")).get("environment");
        assertThat(env.get("DB_NAME")).isEqualTo(pgEnv.get("POSTGRES_DB"));
        assertThat(env.get("DB_USER")).isEqualTo(pgEnv.get("POSTGRES_USER"));
        assertThat(env.get("DB_PASSWORD")).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
        assertThat((Map<String, Object>) app.get("depends_on")).containsKeys("postgres", "mail");

        String profile = Files.readString(Path.of("src/main/resources/application-postgres.yaml"));
        Set<String> required = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(profile);
        while (m.find()) {
            required.add(m.group(1));
        }
        assertThat(required).as("variables the postgres profile needs without a default").isNotEmpty();
        assertThat(env.keySet()).containsAll(required);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theCrmWorkerIsTheSameJarInItsOwnContainerWiredToTheAppAndItsOwnDatabase() throws IOException {
        Map<String, Object> services;
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            services = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(in)).get("services");
        }
        Map<String, Object> worker = (Map<String, Object>) services.get("crm-worker");
        Map<String, Object> app = (Map<String, Object>) services.get("app");
        assertThat(worker.get("command")).isEqualTo(app.get("command"));
        Map<String, String> env = (Map<String, String>) worker.get("environment");
        Map<String, String> appEnv = (Map<String, String>) app.get("environment");
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("crm-worker");
        assertThat(env.get("RIGHTSFLOW_URL")).isEqualTo("http://app:8080");
        assertThat(env.get("CRM_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/crm");
        assertThat(org.rightsflow.common.Hashing.sha256Hex(env.get("CRM_WORKER_SECRET")))
                .as("the app holds the hash of the worker's secret").isEqualTo(appEnv.get("CRM_WORKER_SECRET_SHA256"));
        assertThat(env.get("CRM_ENGINE_USER")).isEqualTo(appEnv.get("WORKER_ENGINE_USER"));
        assertThat(env.get("CRM_ENGINE_PASSWORD")).isEqualTo(appEnv.get("WORKER_ENGINE_PASSWORD"));
        assertThat(appEnv.get("RIGHTSFLOW_DATAMAP_LOCATIONS")).contains("classpath:datamap/demo/crm.json");
        assertThat(Files.readString(Path.of("docker/postgres-init/20-crm-database.sh"))).contains("create database crm");
    }
}
