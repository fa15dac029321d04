package org.rightsflow.fulfilment.systems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rightsflow.support.ChildJvm;

/**
 * The demo CRM's worker in a JVM of its own, as an operator runs it: the application's main class with profile
 * crm-worker, on the test's class path (the classes the jar is built from; the tests run before the jar is packaged),
 * talking to the application over HTTP only. Its output goes to target/nodes/crm-worker.log.
 */
final class CrmWorkerNode implements AutoCloseable {

    static final Path LOG = Path.of("target", "nodes", "crm-worker.log");

    private final Process process;

    private CrmWorkerNode(Process process) {
        this.process = process;
    }

    static CrmWorkerNode start(int applicationPort, String engineName, String crmDatabaseUrl) throws IOException {
        List<String> command = ChildJvm.command("-Xmx192m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.rightsflow.RightsflowApplication"));
        command.addAll(List.of("--spring.profiles.active=crm-worker", "--logging.level.root=WARN",
                "--logging.level.org.rightsflow=INFO"));
        Files.createDirectories(LOG.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        builder.environment().put("RIGHTSFLOW_URL", "http://localhost:" + applicationPort);
        builder.environment().put("CRM_ENGINE_REST_URL", "http://localhost:" + applicationPort + "/engine-rest/engine/"
                + engineName);
        builder.environment().put("CRM_DB_URL", crmDatabaseUrl);
        builder.environment().put("CRM_DB_USER", "postgres");
        builder.environment().put("CRM_DB_PASSWORD", "postgres");
        builder.environment().put("CRM_DEMO_DATA", "false");
        builder.environment().put("CRM_WORKER_ID", "crm-worker-under-test");
        return new CrmWorkerNode(builder.start());
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The CRM worker exited with " + process.exitValue() + "; see " + LOG);
        }
    }

    /** SIGKILL, as a crashed machine. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
