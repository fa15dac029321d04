package org.rightsflow.deadline;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.rightsflow.common.RightsflowProperties;
import org.rightsflow.notice.Notice;
import org.rightsflow.notice.NoticeKind;
import org.rightsflow.notice.Outbox;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the staff mailbox, once per event, that the working-day calendar needs an administrator: the data runs out
 * within the warning period (or did) — one notice per missing year — or the calendar file was rejected — one
 * notice per rejected content. The outbox's dedup key makes "once" hold across restarts and nodes. Checked at start,
 * every {@code calendar-check-interval} (the warning period begins at a midnight) and right after a rejection.
 */
@Component
public class CalendarNotices {

    private final MainlandCalendar calendar;
    private final Outbox outbox;
    private final RightsflowProperties properties;
    private final TransactionTemplate transaction;

    public CalendarNotices(MainlandCalendar calendar, Outbox outbox, RightsflowProperties properties,
                           PlatformTransactionManager transactions) {
        this.calendar = calendar;
        this.outbox = outbox;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        check();
    }

    @EventListener
    public void on(CalendarFileRejected rejected) {
        check();
    }

    @Scheduled(fixedDelayString = "${rightsflow.deadline.calendar-check-interval:PT1H}",
            initialDelayString = "${rightsflow.deadline.calendar-check-interval:PT1H}")
    public void check() {
        CalendarOutlook outlook = calendar.outlook();
        if (!outlook.warning()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (outlook.endingSoon()) {
                Map<String, Object> model = common(outlook);
                model.put("coveredUntil", outlook.coveredUntil().map(DateTimeFormatter.ISO_LOCAL_DATE::format)
                        .orElse(null));
                model.put("daysLeft", outlook.daysLeft());
                model.put("ranOut", outlook.ranOut());
                outbox.enqueue(new Notice("calendar-year-missing:" + outlook.firstMissingYear(), null,
                        NoticeKind.STAFF_CALENDAR_ENDING, properties.staffMailbox(), "en", model));
            }
            if (outlook.fileRejected()) {
                Map<String, Object> model = common(outlook);
                model.put("problem", outlook.file().problem());
                outbox.enqueue(new Notice("calendar-file-rejected:" + outlook.file().contentHash(), null,
                        NoticeKind.STAFF_CALENDAR_REJECTED, properties.staffMailbox(), "en", model));
            }
        });
    }

    private Map<String, Object> common(CalendarOutlook outlook) {
        Map<String, Object> model = new HashMap<>();
        model.put("missingYear", outlook.firstMissingYear());
        model.put("coveredYears", outlook.coveredYears().toString());
        model.put("file", outlook.file().file() == null ? "(rightsflow.deadline.calendar-file is not set)"
                : outlook.file().file());
        model.put("healthUrl", properties.publicBaseUrl() + "/actuator/health/calendar");
        return model;
    }
}
