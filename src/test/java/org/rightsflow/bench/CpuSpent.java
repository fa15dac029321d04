package org.rightsflow.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CPU time the benchmark's JVM and its PostgreSQL have used so far. A saturated two-core machine answers
 * "how many requests a second" with whatever else runs on it; the core-seconds a request costs move much less with
 * other load, so a change's effect of a tenth or more shows through it. They still move: the same commit's request
 * cost 306 ms on the quiet machine and 503 ms at a load average of 17 (figure 2, 2026-12-08), because the JIT
 * compiler's threads are counted, caches are shared and a saturated PostgreSQL spins on its locks. Compare runs made
 * at a similar load; figures for the record come from the quiet machine.
 *
 * <p>PostgreSQL's share is read from {@code /proc}: the postmaster's own time, its live backends' time and the time of
 * the backends it has already reaped ({@code cutime}, {@code cstime}); a backend that ends during the figure moves
 * from the second sum to the third, so the difference of two snapshots counts it once. Linux only: elsewhere the
 * PostgreSQL side is {@code NaN}.
 */
record CpuSpent(double jvmSeconds, double postgresSeconds) {

    private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture in use

    static CpuSpent now(JdbcTemplate jdbc) {
        double jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new CpuSpent(jvm, postgresSeconds(jdbc));
    }

    CpuSpent since(CpuSpent before) {
        return new CpuSpent(jvmSeconds - before.jvmSeconds, postgresSeconds - before.postgresSeconds);
    }

    double total() {
        return jvmSeconds + postgresSeconds;
    }

    private static double postgresSeconds(JdbcTemplate jdbc) {
        try {
            Integer backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
            long postmaster = Long.parseLong(stat(backend)[3]);
            String[] own = stat(postmaster);
            long ticks = Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15])
                    + Long.parseLong(own[16]);
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    String name = process.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String[] fields = stat(Long.parseLong(name));
                        if (Long.parseLong(fields[3]) == postmaster) {
                            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended between the listing and the read: its time is in the postmaster's cutime
                    }
                }
            }
            return ticks / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException notLinux) {
            return Double.NaN;
        }
    }

    /** The fields of /proc/PID/stat, numbered from 0, with the command name (which may hold spaces) skipped over. */
    private static String[] stat(long pid) throws IOException {
        String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String afterName = line.substring(line.lastIndexOf(')') + 2);
        String[] rest = afterName.split(" ");
        String[] fields = new String[rest.length + 2];
        fields[0] = Long.toString(pid);
        fields[1] = "name";
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return fields;
    }
}
