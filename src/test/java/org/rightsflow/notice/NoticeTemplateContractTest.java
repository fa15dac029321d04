package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every mail template promises, checked on the template files themselves: each kind exists in zh-CN and in
 * en, both start with a subject, both use the same values (a fact in one language is a fact in the other), and
 * every value is one the product makes — never free text a requester typed (they may be an impostor using our
 * mail to reach the account holder, docs/notices.md).
 */
class NoticeTemplateContractTest {

    /**
     * The values templates may show, each made by the product or written by staff. A new template variable goes
     * here only after checking where its value comes from: nothing a requester typed, not even masked.
     */
    private static final Map<String, String> PRODUCT_VALUES = new TreeMap<>(Map.ofEntries(
            Map.entry("reference", "the request reference"),
            Map.entry("requestType", "the right, in the product's words"),
            Map.entry("requestTypeCode", "the right's code"),
            Map.entry("receivedAt", "a date"), Map.entry("dueAt", "a date"), Map.entry("previousDueAt", "a date"),
            Map.entry("expiresAt", "a date"), Map.entry("sentAt", "a date"), Map.entry("erasedAt", "a date"),
            Map.entry("deactivatedAt", "a date"), Map.entry("coolingOffEnds", "a date"),
            Map.entry("blockersDeadline", "a date"), Map.entry("coveredUntil", "a date"),
            Map.entry("statusUrl", "a link with the reference"), Map.entry("downloadUrl", "a link with a token"),
            Map.entry("cockpitUrl", "a link"), Map.entry("healthUrl", "a link"),
            Map.entry("code", "a one-time code"), Map.entry("guardian", "a flag"), Map.entry("relative", "a flag"), Map.entry("staffEntered", "a flag"),
            Map.entry("closedByStaff", "a flag"), Map.entry("secondFactor", "a flag"),
            Map.entry("grounds", "refusal grounds in the product's words"),
            Map.entry("explanation", "staff text"), Map.entry("answer", "staff text: an officer's answer to EXPLAIN"),
            Map.entry("restrictionCategories", "category names"), Map.entry("restrictionPurposes", "purpose names"),
            Map.entry("restrictedUntil", "a date"), Map.entry("endedAtEndDate", "a flag"),
            Map.entry("reason", "staff text"),
            Map.entry("refusedCategories", "category names"), Map.entry("erased", "category names"),
            Map.entry("restricted", "category names, dates and legal bases"), Map.entry("kept", "category names"),
            Map.entry("category", "a category name"), Map.entry("purposes", "consent purposes and services"),
            Map.entry("changes", "correction outcomes without the values"),
            Map.entry("blockers", "kinds and counts of what blocks a cancellation"),
            Map.entry("account", "the masked email on file"), Map.entry("sha256", "a hash"),
            Map.entry("complaintChannels", "configuration"), Map.entry("complaintChannel", "configuration"),
            Map.entry("status", "a status code"), Map.entry("dueDateProvisional", "a flag"),
            Map.entry("missingYear", "a year"), Map.entry("coveredYears", "years"), Map.entry("daysLeft", "a number"),
            Map.entry("ranOut", "a flag"), Map.entry("file", "configuration"),
            Map.entry("problem", "a validation message about the calendar file"),
            // a pause's clarification notice: the topics are worded by the product from codes, never free text
            Map.entry("topics", "clarification topics in the product's words"), Map.entry("answerBy", "a date"),
            Map.entry("askedAt", "a date"), Map.entry("apiPath", "a path with the reference"),
            Map.entry("privacyCenterUrl", "a link"),
            // per-system results (SystemStepNotices): a data-map system's label, its categories and what was done there
            Map.entry("systems", "per-system lines made by the product from the data map"),
            Map.entry("system", "a data-map system's label"), Map.entry("categories", "category names"),
            Map.entry("operation", "an operation code"),
            Map.entry("keptRestricted", "a flag"),
            Map.entry("restrictedCategories", "category names: what a refusal kept from a deletion and restricted"),
            // the staff daily digest: a group's tasks by reference, task name, right and due date (StaffDigests)
            Map.entry("groupName", "a staff group's name"), Map.entry("day", "a date"), Map.entry("digestAt", "a date"),
            Map.entry("zone", "configuration"), Map.entry("arrived", "task lines made by the product"),
            Map.entry("overdue", "task lines made by the product"), Map.entry("arrivedCount", "a number"),
            Map.entry("overdueCount", "a number"), Map.entry("arrivedMore", "a number"),
            Map.entry("overdueMore", "a number"), Map.entry("tasklistUrl", "a link")));

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LOOP_VARIABLE = Pattern.compile(
            "th:each=\"\\s*([A-Za-z_][A-Za-z0-9_]*)(?:\\s*,\\s*([A-Za-z_][A-Za-z0-9_]*))?\\s*:");

    @Test
    void everyKindHasBothLanguagesWithTheSameProductMadeValues() throws IOException {
        for (NoticeKind kind : NoticeKind.values()) {
            String zh = template(kind, "zh-CN");
            String en = template(kind, "en");
            assertThat(zh).as(kind + " zh_CN").startsWith("Subject:");
            assertThat(en).as(kind + " en").startsWith("Subject:");
            assertThat(variables(zh)).as(kind + ": the zh-CN and en templates show the same values")
                    .isEqualTo(variables(en));
            assertThat(PRODUCT_VALUES.keySet()).as(kind + " uses a value not known to be product-made; check where it"
                            + " comes from (never requester-typed text) and add it to PRODUCT_VALUES")
                    .containsAll(variables(en));
        }
    }

    @Test
    void aChineseNoticeIsWrittenAsALetterFromUs() throws IOException {
        for (NoticeKind kind : NoticeKind.values()) {
            assertThat(template(kind, "zh-CN")).as(kind.name()).doesNotContain("个人信息处理者");
        }
    }

    private static Set<String> variables(String template) {
        Set<String> loops = new TreeSet<>();
        Matcher loop = LOOP_VARIABLE.matcher(template);
        while (loop.find()) {
            loops.add(loop.group(1));
            if (loop.group(2) != null) {
                loops.add(loop.group(2)); // the iteration status (index, last)
            }
        }
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            if (!loops.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String template(NoticeKind kind, String language) throws IOException {
        String path = "templates/" + kind.templateName(language) + ".txt";
        try (InputStream in = NoticeTemplateContractTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
