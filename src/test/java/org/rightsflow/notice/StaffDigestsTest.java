package org.rightsflow.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rightsflow.common.RightsflowProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What a staff group's daily digest says, in both languages, and to whom: rendered from the real templates, with
 * the outbox replaced by a recorder (the Spring test sends them over SMTP).
 */
class StaffDigestsTest {

    /** 2026-12-07 08:00 Beijing time. */
    private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");
    private static final StaffDigests.Group OFFICERS = new StaffDigests.Group("privacy-officers", "隐私官", "Privacy officers");

    private final NoticeTemplates templates = new NoticeTemplates();
    private final Map<String, NoticeTemplates.Rendered> sent = new LinkedHashMap<>();
    private final List<String> recipients = new ArrayList<>();

    private final Outbox outbox = new Outbox(null, templates, null) {
        @Override
        public boolean enqueue(Notice notice) {
            assertThat(notice.kind()).isEqualTo(NoticeKind.STAFF_DAILY_DIGEST);
            assertThat(notice.requestId()).as("a staff notice, not one request's").isNull();
            recipients.add(notice.recipient());
            return sent.putIfAbsent(notice.dedupKey(), templates.render(notice.kind(), notice.language(), notice.model())) == null;
        }
    };

    private StaffDigests digests(String language) {
        return new StaffDigests(outbox, new StaffDigestProperties(true, LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"), language),
                new Binder(new MapConfigurationPropertySource(Map.of(
                        "rightsflow.public-base-url", "https://privacy.example.com",
                        "rightsflow.token-secret", "0123456789abcdef0123456789abcdef",
                        "rightsflow.staff-mailbox", "privacy-team@example.com")))
                        .bind("rightsflow", RightsflowProperties.class).get());
    }

    @Test
    void theChineseDigestListsNewAndOverdueTasksByReferenceRightAndDueDateInBeijingTime() {
        StaffDigests.TaskList arrived = new StaffDigests.TaskList(List.of(
                task("RR-20261206-0042", "Review exemptions", "DELETE", AT.minus(Duration.ofHours(3)), AT.plus(Duration.ofDays(14)))), 1);
        StaffDigests.TaskList overdue = new StaffDigests.TaskList(List.of(
                task("RR-20261120-0007", "Approve transfer", "TRANSFER", AT.minus(Duration.ofDays(17)), AT.minus(Duration.ofHours(9)))), 1);

        int stored = digests("zh-CN").send(OFFICERS, AT, arrived, overdue, List.of("officer@staff.example.com", "officer2@staff.example.com"));

        assertThat(stored).isEqualTo(2);
        assertThat(recipients).containsExactly("officer@staff.example.com", "officer2@staff.example.com");
        assertThat(sent.keySet()).allMatch(key -> key.startsWith("staff-digest:privacy-officers:2026-12-07:"));
        NoticeTemplates.Rendered digest = sent.values().iterator().next();
        assertThat(digest.subject()).isEqualTo("[Rightsflow] 隐私官 2026-12-07 任务摘要：新到 1 项，已逾期 1 项");
        assertThat(digest.body())
                .contains("以下是截至 2026-12-07 08:00（北京时间）您所在组的任务情况。")
                .contains("过去 24 小时新到的任务（1 项）：\n- RR-20261206-0042 · Review exemptions · 删除个人信息 · 到期 2026-12-21 08:00\n")
                .contains("已逾期的任务（1 项，请优先处理）：\n- RR-20261120-0007 · Approve transfer · 转移个人信息 · 到期 2026-12-06 23:00\n")
                .contains("请在 Tasklist 中处理：https://privacy.example.com/camunda/app/tasklist/")
                .doesNotContain("[(").doesNotContain("（无）");
    }

    @Test
    void theEnglishDigestSaysNoneForAnEmptyListAndCutsLongListsWithTheCountOfTheRest() {
        List<StaffDigests.Task> many = IntStream.range(0, 60).mapToObj(i -> task(String.format("RR-20261101-%04d", i),
                "Manual fulfilment", "ACCESS", AT.minus(Duration.ofDays(30)), AT.minus(Duration.ofDays(60 - i)))).toList();

        digests("en").send(OFFICERS, AT, new StaffDigests.TaskList(List.of(), 0), new StaffDigests.TaskList(many, 75), List.of());

        assertThat(recipients).as("nobody in the group has an email: the staff mailbox").containsExactly("privacy-team@example.com");
        NoticeTemplates.Rendered digest = sent.values().iterator().next();
        assertThat(digest.subject()).isEqualTo("[Rightsflow] Privacy officers digest for 2026-12-07: 0 new, 75 overdue");
        assertThat(digest.body())
                .contains("New in the last 24 hours (0):\n(none)\n")
                .contains("- RR-20261101-0000 · Manual fulfilment · view your personal information · due ")
                .contains("- RR-20261101-0049 ").doesNotContain("RR-20261101-0050")
                .contains("... and 25 more: see Tasklist.")
                .contains("(Beijing time)");
    }

    @Test
    void aSecondRunTheSameDayStoresNothingAndADayWithoutTasksSendsNothing() {
        StaffDigests.TaskList one = new StaffDigests.TaskList(List.of(task("RR-20261206-0042", "Review exemptions",
                "ACCESS", AT.minusSeconds(60), AT.plus(Duration.ofDays(10)))), 1);
        StaffDigests digests = digests("zh-CN");
        assertThat(digests.send(OFFICERS, AT, one, new StaffDigests.TaskList(List.of(), 0), List.of("officer@staff.example.com"))).isEqualTo(1);
        // a retry, a second node or a second start later that day: the same dedup key
        assertThat(digests.send(OFFICERS, AT.plus(Duration.ofHours(5)), one, new StaffDigests.TaskList(List.of(), 0),
                List.of("officer@staff.example.com"))).isZero();
        // the next day is a new digest
        assertThat(digests.send(OFFICERS, AT.plus(Duration.ofDays(1)), one, new StaffDigests.TaskList(List.of(), 0),
                List.of("officer@staff.example.com"))).isEqualTo(1);

        assertThat(digests.send(OFFICERS, AT.plus(Duration.ofDays(2)), new StaffDigests.TaskList(List.of(), 0),
                new StaffDigests.TaskList(List.of(), 0), List.of("officer@staff.example.com"))).isZero();
        assertThat(sent).hasSize(2);
    }

    private static StaffDigests.Task task(String reference, String name, String type, Instant created, Instant due) {
        return new StaffDigests.Task(reference, name, type, created, due);
    }
}
