package org.rightsflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run, printed as they are measured and again as one table at the end: name, value, unit,
 * baseline and ratio (value / baseline). Nothing here judges a figure: benchmarks never fail on a time.
 */
final class Figures {

    record Figure(String name, double value, String unit, Double baseline, String baselineSource) {
        String ratio() {
            return baseline == null || baseline == 0 || baseline.isNaN() || Double.isNaN(value) ? "-"
                    : String.format(Locale.ROOT, "%.2f", value / baseline);
        }
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(String name, double value, String unit, Double baseline, String baselineSource) {
        Figure figure = new Figure(name, value, unit, baseline, baselineSource);
        figures.add(figure);
        System.out.println("[bench] " + line(figure));
    }

    synchronized void note(String note) {
        notes.add(note);
        System.out.println("[bench] note: " + note);
    }

    synchronized String table(String header) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(header).append('\n');
        out.append(String.format(Locale.ROOT, "| %-52s | %14s | %-10s | %14s | %6s | %s |%n",
                "figure", "value", "unit", "baseline", "ratio", "baseline is"));
        out.append("|").append("-".repeat(54)).append("|").append("-".repeat(16)).append("|")
                .append("-".repeat(12)).append("|").append("-".repeat(16)).append("|").append("-".repeat(8))
                .append("|").append("-".repeat(30)).append("|\n");
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, "| %-52s | %14s | %-10s | %14s | %6s | %s |%n",
                    f.name(), number(f.value()), f.unit(), f.baseline() == null ? "-" : number(f.baseline()),
                    f.ratio(), f.baselineSource() == null ? "" : f.baselineSource()));
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String line(Figure f) {
        return String.format(Locale.ROOT, "%-52s %14s %-10s baseline %14s ratio %6s (%s)", f.name(), number(f.value()),
                f.unit(), f.baseline() == null ? "-" : number(f.baseline()), f.ratio(),
                f.baselineSource() == null ? "no baseline" : f.baselineSource());
    }

    /** NaN: nothing to measure (for example no garbage collection happened while a figure was taken). */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
