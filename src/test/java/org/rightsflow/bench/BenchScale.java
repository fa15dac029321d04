package org.rightsflow.bench;

/**
 * How much work each figure does: {@code -Dbench.scale=small} (about a minute, to check the suite works) or
 * {@code full} (the figures of BENCHMARKS.md, at most about 12 minutes on 2 cores). Each number can be overridden on
 * its own, e.g. {@code -Dbench.staffTasks=20000}.
 */
record BenchScale(String name, int intakeRequests, int lifecycleRequests, int lifecycleClients,
                  int largeAccountRows, int exportVariantRows, int inFlightRequests, int staffTasks,
                  int staffQueries, int registerRequests) {

    static BenchScale fromSystemProperties() {
        String name = System.getProperty("bench.scale", "small").trim().toLowerCase(java.util.Locale.ROOT);
        BenchScale defaults = switch (name) {
            case "full" -> new BenchScale("full", 400, 300, 8, 200_000, 1_000_000, 10_000, 50_000, 40, 100_000);
            case "small", "" -> new BenchScale("small", 24, 16, 8, 20_000, 100_000, 200, 1_000, 20, 5_000);
            default -> throw new IllegalArgumentException("bench.scale must be small or full, not " + name);
        };
        return new BenchScale(defaults.name(),
                get("bench.intakeRequests", defaults.intakeRequests()),
                get("bench.lifecycleRequests", defaults.lifecycleRequests()),
                get("bench.lifecycleClients", defaults.lifecycleClients()),
                get("bench.largeAccountRows", defaults.largeAccountRows()),
                get("bench.exportVariantRows", defaults.exportVariantRows()),
                get("bench.inFlightRequests", defaults.inFlightRequests()),
                get("bench.staffTasks", defaults.staffTasks()),
                get("bench.staffQueries", defaults.staffQueries()),
                get("bench.registerRequests", defaults.registerRequests()));
    }

    private static int get(String property, int fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : Integer.parseInt(value.trim());
    }
}
