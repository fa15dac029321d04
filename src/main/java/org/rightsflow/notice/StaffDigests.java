package org.rightsflow.notice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rightsflow.common.Hashing;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.request.RequestType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily digest of a staff group: the tasks that arrived for it in the last 24 hours and those past their due
 * date, one email to each member through the outbox. The dedup key names the group, the day and the recipient, so
 * a retried job, a second node or a second run the same day never sends a digest twice. Nothing is sent on a day
 * with neither new nor overdue tasks. The lines name requests by reference, right and task only: no personal data.
 */
@Service
public class StaffDigests {

    private static final Logger log = LoggerFactory.getLogger(StaffDigests.class);

    /** Longer lists are cut here, with the count of the rest: the digest points to Tasklist, it does not replace it. */
    public static final int MAX_LISTED = 50;
    /** "New" means created within this time before the digest. */
    public static final Duration NEW_WINDOW = Duration.ofHours(24);

    /** A task as the digest lists it; {@code requestType} is a {@link RequestType} code or null. */
    public record Task(String reference, String taskName, String requestType, Instant createdAt, Instant dueAt) {
    }

    /** The first {@link #MAX_LISTED} tasks of a list (in the order given) and how many the whole list has. */
    public record TaskList(List<Task> listed, long total) {
        public TaskList {
            listed = List.copyOf(listed.subList(0, Math.min(listed.size(), MAX_LISTED)));
        }
    }

    /** A staff group with its name in both languages. */
    public record Group(String id, String chineseName, String englishName) {
    }

    private final Outbox outbox;
    private final StaffDigestProperties properties;
    private final RightsflowProperties rightsflow;

    public StaffDigests(Outbox outbox, StaffDigestProperties properties, RightsflowProperties rightsflow) {
        this.outbox = outbox;
        this.properties = properties;
        this.rightsflow = rightsflow;
    }

    /** The day a digest made at this instant belongs to (its dedup key), in the staff's time zone. */
    private LocalDate dayOf(Instant digestAt) {
        return LocalDate.ofInstant(digestAt, properties.zone());
    }

    /**
     * @param arrived    the group's open tasks created within {@link #NEW_WINDOW} before {@code digestAt}
     * @param overdue    the group's open tasks due before {@code digestAt}
     * @param recipients the members' email addresses; none: the staff mailbox
     * @return how many digests were stored now (0 when there was nothing to tell, or they were stored before)
     */
    @Transactional
    public int send(Group group, Instant digestAt, TaskList arrived, TaskList overdue, List<String> recipients) {
        if (!properties.enabled() || arrived.total() == 0 && overdue.total() == 0) {
            return 0;
        }
        String language = properties.language();
        LocalDate day = dayOf(digestAt);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("groupName", language.startsWith("zh") ? group.chineseName() : group.englishName());
        model.put("day", day.toString());
        model.put("digestAt", format(digestAt));
        model.put("zone", zoneLabel(language));
        model.put("arrivedCount", arrived.total());
        model.put("arrived", lines(arrived.listed(), language));
        model.put("arrivedMore", arrived.total() - arrived.listed().size());
        model.put("overdueCount", overdue.total());
        model.put("overdue", lines(overdue.listed(), language));
        model.put("overdueMore", overdue.total() - overdue.listed().size());
        model.put("tasklistUrl", rightsflow.publicBaseUrl() + "/camunda/app/tasklist/");

        Set<String> to = new LinkedHashSet<>();
        recipients.stream().filter(r -> r != null && r.contains("@")).map(String::trim).forEach(to::add);
        if (to.isEmpty()) {
            to.add(rightsflow.staffMailbox());
        }
        int stored = 0;
        for (String recipient : to) {
            String dedupKey = "staff-digest:" + group.id() + ":" + day + ":"
                    + Hashing.sha256Hex(recipient.toLowerCase()).substring(0, 16);
            if (outbox.enqueue(new Notice(dedupKey, null, NoticeKind.STAFF_DAILY_DIGEST, recipient, language, model))) {
                stored++;
            }
        }
        log.info("Daily digest of {} for {}: {} new, {} overdue, {} of {} recipients stored now", group.id(), day,
                arrived.total(), overdue.total(), stored, to.size());
        return stored;
    }

    private List<Map<String, String>> lines(List<Task> tasks, String language) {
        List<Map<String, String>> lines = new ArrayList<>();
        for (Task task : tasks) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("reference", task.reference() == null ? "-" : task.reference());
            line.put("task", task.taskName() == null ? "-" : task.taskName());
            line.put("type", RequestType.fromCode(task.requestType()).map(t -> t.label(language)).orElse("-"));
            line.put("due", task.dueAt() == null ? "-" : format(task.dueAt()));
            lines.add(line);
        }
        return lines;
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.zone()).format(instant);
    }

    private String zoneLabel(String language) {
        if (properties.zone().equals(ZoneId.of("Asia/Shanghai"))) {
            return language.startsWith("zh") ? "北京时间" : "Beijing time";
        }
        return properties.zone().getId();
    }
}
