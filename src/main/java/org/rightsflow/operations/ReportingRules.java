package org.rightsflow.operations;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rightsflow.request.RequestStatus;

/**
 * The definitions every figure of the register, the dashboard, the statistics report and the metrics shares, so that
 * they always agree (docs and README name them):
 * <ul>
 *   <li><b>open</b>: a status that is not final; <b>overdue</b>: open and its due date has passed; <b>due soon</b>:
 *       open and due within {@link #DUE_SOON} (not yet overdue); <b>on time</b>: every other open request.</li>
 *   <li><b>answered</b>: COMPLETED, PARTIALLY_COMPLETED or REFUSED; its <b>days to answer</b> run from receipt to the
 *       final status, and it was <b>answered on time</b> when that came no later than its due date (after any
 *       extension the law allowed).</li>
 *   <li>A request counts in the period, month and day of its <b>receipt</b>, in {@link #ZONE}.</li>
 * </ul>
 */
public final class ReportingRules {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duration DUE_SOON = Duration.ofDays(3);

    public static final Set<RequestStatus> OPEN = EnumSet.copyOf(
            Arrays.stream(RequestStatus.values()).filter(s -> !s.isTerminal()).toList());
    public static final Set<RequestStatus> ANSWERED =
            EnumSet.of(RequestStatus.COMPLETED, RequestStatus.PARTIALLY_COMPLETED, RequestStatus.REFUSED);

    private ReportingRules() {
    }

    /** {@code 'A', 'B'}: a status list for SQL; the values are enum names, never input. */
    public static String sqlList(Set<RequestStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(", "));
    }

    /** The statuses in the order of the life cycle. */
    public static List<RequestStatus> inOrder(Set<RequestStatus> statuses) {
        return Arrays.stream(RequestStatus.values()).filter(statuses::contains).toList();
    }

    /** Where an open request stands against its due date. */
    public enum DaysLeft {
        ON_TIME, DUE_SOON, OVERDUE
    }
}
