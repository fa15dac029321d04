package org.rightsflow.web.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rightsflow.operations.dashboard.Dashboard;
import org.rightsflow.request.RequestType;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dashboard ({@code /staff/dashboard}, and {@code /staff/api/dashboard} as JSON): charts drawn by Chart.js, which
 * the application serves itself as a WebJar (no CDN), from figures embedded in the page as JSON data; every chart
 * has its numbers as a table beside it (screen readers, print, and a browser without scripts).
 */
@Controller
@StaffPage
public class DashboardController {

    private final StaffAuthentication authentication;
    private final Dashboard dashboard;
    private final MessageSource messages;
    private final ObjectMapper json;

    public DashboardController(StaffAuthentication authentication, Dashboard dashboard, MessageSource messages,
                               ObjectMapper json) {
        this.authentication = authentication;
        this.dashboard = dashboard;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/staff/dashboard")
    public String page(HttpServletRequest request, Locale locale, Model model) throws JsonProcessingException {
        StaffUser user = authentication.require(request, StaffAccess.READ_REGISTER);
        StaffPages.common(request, locale, model, user);
        Dashboard.Figures figures = dashboard.figures();
        model.addAttribute("f", figures);
        model.addAttribute("types", RequestType.values());
        model.addAttribute("grounds", figures.refusalsByGround().entrySet().stream()
                .filter(e -> e.getValue() > 0).toList());
        // JSON in a data block: never executed, and '<' escaped so no text can end the element early
        model.addAttribute("chartData", json.writeValueAsString(charts(figures, locale)).replace("<", "\\u003c"));
        return "staff/dashboard";
    }

    @GetMapping(path = "/staff/api/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public Dashboard.Figures api(HttpServletRequest request) {
        authentication.require(request, StaffAccess.READ_REGISTER);
        return dashboard.figures();
    }

    /** The charts' series with labels in the page's language. */
    private Map<String, Object> charts(Dashboard.Figures f, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", Map.of(
                "onTime", text("staff.standing.short.ON_TIME", locale),
                "dueSoon", text("staff.standing.short.DUE_SOON", locale),
                "overdue", text("staff.standing.short.OVERDUE", locale),
                "all", text("staff.dashboard.allRights", locale),
                "requests", text("staff.dashboard.requests", locale),
                "percent", text("staff.dashboard.onTimePercent", locale),
                "days", text("staff.dashboard.days", locale)));
        List<String> statuses = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        f.openByStatus().forEach((status, count) -> {
            statuses.add(text("staff.status." + status.name(), locale));
            open.add(count);
        });
        data.put("openByStatus", Map.of("labels", statuses, "values", open));
        List<String> types = new ArrayList<>();
        List<Long> onTime = new ArrayList<>();
        List<Long> dueSoon = new ArrayList<>();
        List<Long> overdue = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            Dashboard.DaysLeft d = f.daysLeftByType().get(type);
            types.add(text("staff.type." + type.name(), locale));
            onTime.add(d.onTime());
            dueSoon.add(d.dueSoon());
            overdue.add(d.overdue());
        }
        data.put("daysLeft", Map.of("labels", types, "onTime", onTime, "dueSoon", dueSoon, "overdue", overdue));
        List<String> months = f.months().stream().map(m -> m.month().toString()).toList();
        Map<String, Object> rate = new LinkedHashMap<>();
        Map<String, Object> median = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        keys.add("ALL");
        for (RequestType type : RequestType.values()) {
            keys.add(type.name());
        }
        for (String key : keys) {
            String label = key.equals("ALL") ? text("staff.dashboard.allRights", locale) : text("staff.type." + key, locale);
            rate.put(label, f.months().stream().map(m -> {
                Double r = m.byType().get(key).onTimeRate();
                return r == null ? null : Math.round(r * 1000) / 10.0;
            }).toList());
            median.put(label, f.months().stream().map(m -> {
                Double d = m.byType().get(key).medianDays();
                return d == null ? null : Math.round(d * 10) / 10.0;
            }).toList());
        }
        data.put("months", months);
        data.put("onTimeRate", rate);
        data.put("medianDays", median);
        List<String> groundLabels = new ArrayList<>();
        List<Long> groundCounts = new ArrayList<>();
        f.refusalsByGround().forEach((ground, count) -> {
            if (count > 0) {
                groundLabels.add(ground.name());
                groundCounts.add(count);
            }
        });
        data.put("refusals", Map.of("labels", groundLabels, "values", groundCounts));
        return data;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
