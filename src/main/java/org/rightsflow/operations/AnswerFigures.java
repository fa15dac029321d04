package org.rightsflow.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Answered requests of one group (a right, a month...): how many, how many on time, and the days they took. Days are
 * fractional (receipt to final status); the median of an even count is the mean of the two middle values.
 */
public final class AnswerFigures {

    private final List<Double> days = new ArrayList<>();
    private long onTime;

    public void add(double daysToAnswer, boolean answeredOnTime) {
        days.add(daysToAnswer);
        if (answeredOnTime) {
            onTime++;
        }
    }

    public long answered() {
        return days.size();
    }

    public long onTime() {
        return onTime;
    }

    /** Share answered on time (0..1), NaN when nothing was answered. */
    public double onTimeRate() {
        return days.isEmpty() ? Double.NaN : (double) onTime / days.size();
    }

    public double medianDays() {
        if (days.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(days);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double meanDays() {
        return days.isEmpty() ? Double.NaN : days.stream().mapToDouble(Double::doubleValue).sum() / days.size();
    }

    /** Days from receipt to answer, as the histogram and the report count them. */
    public static double days(java.time.Instant received, java.time.Instant answered) {
        return java.time.Duration.between(received, answered).toMillis() / 86_400_000d;
    }
}
