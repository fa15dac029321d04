package org.rightsflow.support;

import java.lang.reflect.Field;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.boot.SpringApplication;

/**
 * At the end of the test run, closes the cached Spring applications before the JVM's shutdown hooks run, so their
 * job executors and connection pools stop while the embedded PostgreSQL server is still up (otherwise both stop at
 * once and the JVM hangs on broken connections).
 */
public class CloseApplicationsBeforeDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            Field hook = SpringApplication.class.getDeclaredField("shutdownHook");
            hook.setAccessible(true);
            ((Runnable) hook.get(null)).run();
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("Could not close Spring applications early: " + e);
        }
    }
}
