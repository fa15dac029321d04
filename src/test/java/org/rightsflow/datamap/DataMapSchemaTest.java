package org.rightsflow.datamap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data map matches the tables that V2__account_system.sql creates on PostgreSQL. */
class DataMapSchemaTest {

    private static DataSource dataSource;
    private static JdbcTemplate jdbc;
    private static Map<String, Map<String, Map<String, Object>>> schema;
    private final DataMap map = DataMap.load(DataMap.DEFAULT_LOCATIONS);

    @BeforeAll
    static void migrate() {
        dataSource = TestDatabases.freshPostgres();
        jdbc = new JdbcTemplate(dataSource);
        schema = new HashMap<>();
        for (Map<String, Object> column : jdbc.queryForList(
                "select table_name, column_name, data_type, is_nullable, column_default"
                        + " from information_schema.columns where table_schema = current_schema")) {
            schema.computeIfAbsent((String) column.get("table_name"), t -> new HashMap<>())
                    .put((String) column.get("column_name"), column);
        }
    }

    @Test
    void everyMappedTableAndColumnExists() {
        List<String> missing = new ArrayList<>();
        SubjectMapping subject = map.subject();
        check(subject.table(), subject.idColumn(), missing);
        subject.columnNames().forEach(c -> check(subject.table(), c, missing));
        for (MappedCategory mapped : map.mappings()) {
            CategoryMapping m = mapped.mapping();
            check(m.table(), m.idColumn(), missing);
            check(m.table(), m.subjectKey(), missing);
            check(m.table(), m.restrictedColumn(), missing);
            m.columnNames().forEach(c -> check(m.table(), c, missing));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void subjectKeysAreBigintAndEveryCategoryTableHasARestrictedFlagDefaultingToFalse() {
        for (MappedCategory mapped : map.mappings()) {
            CategoryMapping m = mapped.mapping();
            assertThat(column(m.table(), m.subjectKey()).get("data_type")).as(m.table()).isEqualTo("bigint");
            assertThat(column(m.table(), m.idColumn()).get("data_type")).as(m.table()).isEqualTo("bigint");
            Map<String, Object> restricted = column(m.table(), m.restrictedColumn());
            assertThat(restricted.get("data_type")).as(m.table()).isEqualTo("boolean");
            assertThat(restricted.get("is_nullable")).as(m.table()).isEqualTo("NO");
            assertThat(restricted.get("column_default")).as(m.table()).isEqualTo("false");
        }
        assertThat(column("account", "restricted").get("data_type")).isEqualTo("boolean");
    }

    @Test
    void retentionAnchorsAreTimestampsWithTimeZone() {
        for (MappedCategory mapped : map.mappings()) {
            mapped.mapping().retentionRule().ifPresent(rule ->
                    assertThat(column(mapped.mapping().table(), rule.countsFrom()).get("data_type"))
                            .as(mapped.category().name())
                            .isEqualTo("timestamp with time zone"));
        }
    }

    @Test
    void columnsThatErasureSetsToNullAreNullable() {
        for (MappedCategory mapped : map.mappings()) {
            CategoryMapping m = mapped.mapping();
            for (ColumnErasure erasure : m.erase().columns()) {
                if (erasure.replacement() == null) {
                    assertThat(column(m.table(), erasure.column()).get("is_nullable"))
                            .as(m.table() + "." + erasure.column()).isEqualTo("YES");
                }
            }
        }
        for (ColumnErasure erasure : map.subject().erase().columns()) {
            if (erasure.replacement() == null) {
                assertThat(column("account", erasure.column()).get("is_nullable")).as(erasure.column()).isEqualTo("YES");
            }
        }
    }

    @Test
    void theOperationLogIsIndexedForStreamingBySubject() {
        List<String> indexes = jdbc.queryForList(
                "select indexdef from pg_indexes where tablename = 'account_operation_log'", String.class);
        assertThat(indexes).anyMatch(def -> def.contains("(account_id, id)"));
    }

    @Test
    void theConnectorAcceptsTheSchemaAndRejectsAMismatchNamingIt() {
        new JdbcConnector(dataSource, map.subjectSystem(), 100).verifySchema();
        new JdbcConnector(dataSource, map.system("billing-system").orElseThrow(), 100).verifySchema();

        DataSystem system = map.subjectSystem();
        List<CategoryMapping> changed = new ArrayList<>(system.categories());
        CategoryMapping logs = system.category(DataCategory.OPERATION_LOGS).orElseThrow();
        List<ColumnMapping> columns = new ArrayList<>(logs.columns());
        columns.add(new ColumnMapping("device_id", logs.label(), false));
        changed.set(changed.indexOf(logs), new CategoryMapping(logs.category(), logs.table(), logs.idColumn(),
                logs.subjectKey(), logs.restrictedColumn(), logs.sensitive(), logs.label(), logs.description(),
                logs.source(), logs.purpose(), logs.legalBasis(), logs.retention(), logs.erase(), logs.thirdParties(),
                columns));
        CategoryMapping support = system.category(DataCategory.SUPPORT).orElseThrow();
        changed.set(changed.indexOf(support), new CategoryMapping(support.category(), "helpdesk_ticket",
                support.idColumn(), support.subjectKey(), support.restrictedColumn(), support.sensitive(),
                support.label(), support.description(), support.source(), support.purpose(), support.legalBasis(),
                support.retention(), support.erase(), support.thirdParties(), support.columns()));
        DataSystem wrong = new DataSystem(system.id(), system.label(), system.connector(), null, null, system.subject(),
                changed);

        assertThatThrownBy(() -> new JdbcConnector(dataSource, wrong, 100).verifySchema())
                .isInstanceOf(DataMapException.class)
                .hasMessageContaining("category OPERATION_LOGS: table 'account_operation_log' has no column 'device_id'")
                .hasMessageContaining("category SUPPORT: table 'helpdesk_ticket' does not exist");
    }

    private static void check(String table, String column, List<String> missing) {
        if (!schema.containsKey(table) || !schema.get(table).containsKey(column)) {
            missing.add(table + "." + column);
        }
    }

    private static Map<String, Object> column(String table, String column) {
        Map<String, Object> found = schema.getOrDefault(table, Map.of()).get(column);
        assertThat(found).as(table + "." + column).isNotNull();
        return found;
    }
}
