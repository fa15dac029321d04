package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import org.rightsflow.common.TimeSource;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.operations.statistics.Period;
import org.rightsflow.operations.statistics.StatisticsReport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics report for scripts (HTTP Basic or the webapps' session): {@code GET /staff/api/statistics?from=&to=}
 * as JSON and {@code /staff/api/statistics.csv} as CSV; a bad period is 400 problem+json.
 */
@RestController
public class StatisticsApiController {

    private final StaffAuthentication authentication;
    private final StatisticsReport reports;
    private final TimeSource time;

    public StatisticsApiController(StaffAuthentication authentication, StatisticsReport reports, TimeSource time) {
        this.authentication = authentication;
        this.reports = reports;
        this.time = time;
    }

    @GetMapping(path = "/staff/api/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    public StatisticsReport.Report json(@RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to, HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        return report(from, to);
    }

    @GetMapping("/staff/api/statistics.csv")
    public void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        authentication.require(request, StaffAccess.READ_REGISTER);
        ReportController.writeCsv(report(from, to), response);
    }

    private StatisticsReport.Report report(String from, String to) {
        return reports.of(Period.parse(from, to, LocalDate.ofInstant(time.now(), ReportingRules.ZONE)), time.now());
    }
}
