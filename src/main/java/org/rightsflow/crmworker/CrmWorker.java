package org.rightsflow.crmworker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The CRM's worker: fetches the steps of its topic ({@code rightsflow.crm}) with Camunda's external task client,
 * learns whose data from the worker API (the task holds only the operation, the request reference and an opaque
 * subject handle), does the step in the CRM's own database, reports what it did, and completes the task. A failure
 * is handed back with {@code handleFailure}: retried, then an incident in Cockpit. Logs name the operation and the
 * request reference only.
 */
@Component
@Profile(CrmWorkerApplication.PROFILE)
public class CrmWorker implements SmartLifecycle {

    /** The one category the CRM holds (datamap/demo/crm.json). */
    static final String SUPPORT = "SUPPORT";
    static final int RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(CrmWorker.class);

    private final CrmWorkerProperties properties;
    private final CrmDatabase crm;
    private final WorkerApiClient api;
    private ExternalTaskClient client;

    public CrmWorker(CrmWorkerProperties properties, CrmDatabase crm, WorkerApiClient api) {
        this.properties = properties;
        this.crm = crm;
        this.api = api;
    }

    @Override
    public void start() {
        if (properties.demoData()) {
            crm.seedDemo(Map.of("li.lei@example.com", 2, "wang.fang@example.com", 1, "chen.jie@example.com", 3));
        }
        client = ExternalTaskClient.create()
                .baseUrl(properties.engineRestUrl())
                .workerId(properties.workerId())
                .addInterceptor(new BasicAuthProvider(properties.engineUser(), properties.enginePassword()))
                .maxTasks(4)
                .lockDuration(properties.lockDuration().toMillis())
                // long polling: a new task is handed out as soon as it exists; between empty polls wait at most 2 s
                .asyncResponseTimeout(10_000)
                .backoffStrategy(new ExponentialBackoffStrategy(200L, 2, 2_000L))
                .build();
        client.subscribe("rightsflow." + properties.systemId())
                .variables("operation", "reference", "subjectHandle")
                .handler(this::handle)
                .open();
        log.info("CRM worker '{}' fetches topic rightsflow.{} from {}", properties.workerId(), properties.systemId(),
                properties.engineRestUrl());
    }

    void handle(ExternalTask task, ExternalTaskService service) {
        String operation = task.getVariable("operation");
        String reference = task.getVariable("reference");
        try {
            WorkerApiClient.Subject subject = api.subject(task.getId(), task.getVariable("subjectHandle"));
            Optional<Long> customer = crm.customerOf(subject.email());
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("category", SUPPORT);
            switch (operation) {
                case "COUNT" -> done.put("rows", customer.map(crm::count).orElse(0L));
                case "EXPORT" -> done.put("rows", api.upload(task.getId(), SUPPORT,
                        visitor -> customer.ifPresent(c -> crm.forEachRow(c, subject.includeRestricted(), visitor))));
                case "ERASE", "ERASE_EXPIRED" -> {
                    long erased = customer.map(crm::erase).orElse(0L);
                    done.put("rows", erased);
                    done.put("erased", erased);
                }
                case "RESTRICT" -> {
                    done.put("rows", customer.map(crm::count).orElse(0L));
                    done.put("restricted", customer.map(c -> crm.restrict(c, true)).orElse(0L));
                }
                case "LIFT_RESTRICTION" -> done.put("rows", customer.map(c -> crm.restrict(c, false)).orElse(0L));
                // CORRECT, WITHDRAW_CONSENT: the CRM holds no correctable field and no consent register
                default -> done.put("rows", 0L);
            }
            api.report(task.getId(), List.of(done));
            service.complete(task);
            log.info("CRM: {} of request {} done", operation, reference);
        } catch (WorkerApiClient.Refused refused) {
            // the task is no longer this worker's (time limit passed, lock lost): nothing to retry
            log.warn("CRM: {} of request {} refused by Rightsflow: {}", operation, reference, refused.getMessage());
        } catch (RuntimeException e) {
            int retries = task.getRetries() == null ? RETRIES : task.getRetries() - 1;
            log.warn("CRM: {} of request {} failed ({} retries left): {}", operation, reference, retries,
                    e.getClass().getSimpleName());
            service.handleFailure(task, "CRM worker failed: " + e.getClass().getSimpleName(), null,
                    Math.max(retries, 0), 10_000L);
        }
    }

    @Override
    public void stop() {
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }
}
