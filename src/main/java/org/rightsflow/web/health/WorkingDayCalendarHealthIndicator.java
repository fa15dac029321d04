package org.rightsflow.web.health;

import org.rightsflow.deadline.CalendarOutlook;
import org.rightsflow.deadline.MainlandCalendar;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/calendar} (a health group that shows details): the years of working-day calendar data in force, until when it
 * lasts, and the administrator's file. {@code WARNING} (HTTP 200: requests are still served, with provisional
 * due dates) from {@code rightsflow.deadline.calendar-warning-before} before the data runs out, after it has, and
 * while the file stands rejected; the overall health shows it too (status order in application.yaml).
 */
@Component
public class WorkingDayCalendarHealthIndicator extends AbstractHealthIndicator {

    static final Status WARNING = new Status("WARNING");

    private final MainlandCalendar calendar;

    public WorkingDayCalendarHealthIndicator(MainlandCalendar calendar) {
        super("Working-day calendar check failed");
        this.calendar = calendar;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        CalendarOutlook outlook = calendar.outlook();
        MainlandCalendar.FileStatus file = outlook.file();
        health.status(outlook.warning() ? WARNING : Status.UP)
                .withDetail("coveredYears", outlook.coveredYears())
                .withDetail("coveredUntil", outlook.coveredUntil().map(Object::toString).orElse("none"))
                .withDetail("daysLeft", outlook.daysLeft())
                // the path and the problem stay out (this answer is public): staff read them in GET /staff/calendar
                .withDetail("fileState", file.state().name())
                .withDetail("fileYears", file.fileYears());
        if (file.checkedAt() != null) {
            health.withDetail("fileCheckedAt", file.checkedAt().toString());
        }
        if (outlook.ranOut()) {
            health.withDetail("warning", "No calendar data for " + outlook.firstMissingYear() + ": working-day"
                    + " due dates count every day of it and are provisional. Add the year to the calendar file.");
        } else if (outlook.endingSoon()) {
            health.withDetail("warning", "Calendar data runs out on " + outlook.coveredUntil().orElseThrow() + " ("
                    + outlook.daysLeft() + " days): add the official arrangement for " + outlook.firstMissingYear()
                    + " to the calendar file.");
        }
        if (outlook.fileRejected()) {
            health.withDetail("fileProblem", "the calendar file was rejected; the data in force before stays"
                    + " (the file and line: GET /staff/calendar, the log and the staff notice)");
        }
    }
}
