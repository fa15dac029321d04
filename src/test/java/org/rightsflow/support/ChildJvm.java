package org.rightsflow.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of the command line of a JVM that a test starts beside itself: an application node, a demo instance, the
 * CRM's worker, the evidence-pack verifier.
 *
 * <p>Such a JVM lives for seconds to a few minutes, most of it starting Spring and the engine, so it compiles with C1
 * only ({@code -XX:TieredStopAtLevel=1}): on a 2-core machine the C2 compiler's work on that start-up code cost more
 * than it ever gave back (ClusterIT: the two nodes' CPU time 261 s → 121 s, the test 221 s → 143 s; the seven
 * integration tests 573 s → 447 s one after the other). This is the tests' choice for their short-lived processes
 * only; the application itself runs with the JVM's defaults (README, "Two commands").
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java} of the JDK running the tests, compiling with C1 only, then the given options. */
    public static List<String> command(String... options) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(options));
        return command;
    }
}
