package org.rightsflow.web.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.rightsflow.common.TimeSource;
import org.rightsflow.operations.InvalidFilterException;
import org.rightsflow.operations.ReportingRules;
import org.rightsflow.operations.statistics.Period;
import org.rightsflow.operations.statistics.StatisticsReport;
import org.rightsflow.review.RefusalGround;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The statistics report for any period: {@code /staff/report?from=&to=} (HTML), {@code /staff/report.csv} (the same
 * as CSV, from the page); the API is {@link StatisticsApiController}. Days are days in Beijing time, both ends included; without a period, the year so far.
 */
@Controller
@StaffPage
public class ReportController {

    private final StaffAuthentication authentication;
    private final StatisticsReport reports;
    private final TimeSource time;

    public ReportController(StaffAuthentication authentication, StatisticsReport reports, TimeSource time) {
        this.authentication = authentication;
        this.reports = reports;
        this.time = time;
    }

    @GetMapping("/staff/report")
    public String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        StaffUser user = authentication.require(request, StaffAccess.READ_REGISTER);
        StaffPages.common(request, locale, model, user);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("grounds", RefusalGround.values());
        try {
            StatisticsReport.Report report = reports.of(Period.parse(from, to, today()), time.now());
            model.addAttribute("report", report);
            model.addAttribute("from", report.period().from().toString());
            model.addAttribute("to", report.period().to().toString());
        } catch (InvalidFilterException e) {
            response.setStatus(400);
            model.addAttribute("filterError", e);
        }
        return "staff/report";
    }

    @GetMapping("/staff/report.csv")
    public void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        authentication.require(request, StaffAccess.READ_REGISTER);
        writeCsv(reports.of(Period.parse(from, to, today()), time.now()), response);
    }

    static void writeCsv(StatisticsReport.Report report, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rightsflow-statistics-"
                + report.period().from() + "-to-" + report.period().to() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        StatisticsReport.csv(report, out);
        out.flush();
    }

    LocalDate today() {
        return LocalDate.ofInstant(time.now(), ReportingRules.ZONE);
    }

}
