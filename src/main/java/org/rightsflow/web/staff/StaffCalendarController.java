package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rightsflow.audit.AuditTrail;
import org.rightsflow.deadline.CalendarOutlook;
import org.rightsflow.deadline.MainlandCalendar;
import org.rightsflow.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The working-day calendar for staff (HTTP Basic with the Camunda users): {@code GET /staff/calendar} (privacy
 * officers and administrators) shows the years in force, until when they last and the state of the calendar file
 * with its problem, if rejected; {@code POST /staff/calendar/reload} (administrators, {@code camunda-admin}) reads
 * the file now instead of waiting for the poll. A rejected file answers 422 {@code CALENDAR_FILE_REJECTED} naming
 * the file and the line; the data in force did not change.
 */
@RestController
@RequestMapping(path = "/staff/calendar", produces = MediaType.APPLICATION_JSON_VALUE)
public class StaffCalendarController {

    private final StaffAuthentication authentication;
    private final MainlandCalendar calendar;
    private final AuditTrail audit;

    StaffCalendarController(StaffAuthentication authentication, MainlandCalendar calendar, AuditTrail audit) {
        this.authentication = authentication;
        this.calendar = calendar;
        this.audit = audit;
    }

    @GetMapping
    public Map<String, Object> status(HttpServletRequest http) {
        authentication.require(http, StaffAccess.READ_CALENDAR);
        return answer(calendar.outlook());
    }

    @PostMapping("/reload")
    public Map<String, Object> reload(HttpServletRequest http) {
        String admin = authentication.require(http, StaffAccess.RELOAD_CALENDAR).id();
        MainlandCalendar.FileStatus before = calendar.fileStatus();
        if (before.state() == MainlandCalendar.FileState.NOT_CONFIGURED) {
            throw Problems.staff(409, "CALENDAR_FILE_NOT_CONFIGURED",
                    "No calendar file is configured (rightsflow.deadline.calendar-file)");
        }
        MainlandCalendar.LoadResult result = calendar.reload();
        audit.record(null, "staff:" + admin, "CALENDAR_RELOADED", "{\"state\":\"" + result.file().state()
                + "\",\"coveredYears\":\"" + result.coveredYears() + "\"}");
        if (result.file().state() == MainlandCalendar.FileState.REJECTED) {
            throw Problems.staff(422, "CALENDAR_FILE_REJECTED", result.file().problem()
                    + " — the data in force did not change (years " + result.coveredYears() + ")");
        }
        return answer(calendar.outlook());
    }

    private static Map<String, Object> answer(CalendarOutlook outlook) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("coveredYears", outlook.coveredYears());
        json.put("coveredUntil", outlook.coveredUntil().map(Object::toString).orElse(null));
        json.put("daysLeft", outlook.daysLeft());
        json.put("missingYear", outlook.firstMissingYear());
        json.put("warning", outlook.warning());
        MainlandCalendar.FileStatus file = outlook.file();
        json.put("file", file.file());
        json.put("fileState", file.state().name());
        json.put("fileYears", file.fileYears());
        json.put("fileProblem", file.problem());
        json.put("fileCheckedAt", file.checkedAt() == null ? null : file.checkedAt().toString());
        return json;
    }
}
