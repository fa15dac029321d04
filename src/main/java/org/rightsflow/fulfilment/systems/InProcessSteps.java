package org.rightsflow.fulfilment.systems;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rightsflow.common.TimeSource;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.DataConnectors;
import org.rightsflow.datamap.RetentionWindow;
import org.rightsflow.datamap.RowSelection;
import org.rightsflow.datamap.SystemConnector;
import org.rightsflow.fulfilment.correction.CorrectionFulfilment;
import org.rightsflow.request.RequestRepository;
import org.rightsflow.request.RightsRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out a step whose system the application reaches through its connector. A failure (the system's database
 * is down) leaves the step pending: the job is retried, then becomes an incident that names the system.
 */
@Service
public class InProcessSteps {

    private final SystemSteps steps;
    private final DataConnectors connectors;
    private final RequestRepository requests;
    private final CorrectionFulfilment corrections;
    private final TimeSource time;

    public InProcessSteps(SystemSteps steps, DataConnectors connectors, RequestRepository requests,
                          CorrectionFulfilment corrections, TimeSource time) {
        this.steps = steps;
        this.connectors = connectors;
        this.requests = requests;
        this.corrections = corrections;
        this.time = time;
    }

    @Transactional
    public void run(String stepId) {
        SystemStep step = steps.step(stepId);
        if (step.done()) {
            return;
        }
        SystemConnector connector = connectors.connector(step.systemId());
        if (!connector.supports(step.operation().connectorOperation())) {
            throw connector.unsupported(step.operation().connectorOperation());
        }
        RightsRequest request = requests.findById(step.requestId()).orElseThrow();
        long subject = request.account().orElseThrow(
                () -> new IllegalStateException("Request " + request.reference() + " has no account"));
        Instant at = step.parameters().at() == null ? time.now() : step.parameters().at();
        StepOutcome outcome = switch (step.operation()) {
            case COUNT, EXPORT -> counted(connector, step, subject);
            case ERASE -> erase(connector, step, subject, at);
            case ERASE_EXPIRED -> eraseExpired(connector, step, subject, time.now());
            case CORRECT -> new StepOutcome(List.of(), null, corrections.applyInSystem(step.requestId(),
                    step.systemId()));
            case WITHDRAW_CONSENT -> StepOutcome.of(List.of(CategoryOutcome.counted(DataCategory.CONSENTS,
                    connector.withdrawConsent(subject, step.parameters().purposes(), at))));
            case RESTRICT -> StepOutcome.of(step.categories().stream().map(c -> new CategoryOutcome(c,
                    connector.count(c, subject), 0, connector.restrict(c, RowSelection.allOf(subject)), null, null))
                    .toList());
            case LIFT_RESTRICTION -> StepOutcome.of(step.categories().stream().map(c -> CategoryOutcome.counted(c,
                    connector.liftRestriction(c, RowSelection.allOf(subject)))).toList());
        };
        steps.recordDone(step, SystemStep.DONE_BY_CONNECTOR, null, outcome, null);
    }

    private static StepOutcome counted(SystemConnector connector, SystemStep step, long subject) {
        return StepOutcome.of(step.categories().stream()
                .map(c -> CategoryOutcome.counted(c, connector.count(c, subject))).toList());
    }

    /**
     * Per category: what no retention holds at {@code at} is erased by the data map's rule, what it holds is
     * restricted. The counts come from before the first write (a retry reports the same).
     */
    private StepOutcome erase(SystemConnector connector, SystemStep step, long subject, Instant at) {
        StepOutcome planned = steps.plannedOr(step.id(), () -> {
            List<CategoryOutcome> counted = new ArrayList<>();
            for (DataCategory category : step.categories()) {
                long all = connector.count(category, RowSelection.allOf(subject));
                if (step.parameters().restrictOnly(category)) {
                    // kept after review (excessive technical means, impractical): restricted, never erased
                    counted.add(new CategoryOutcome(category, all, 0, all, null, null));
                    continue;
                }
                long held = connector.count(category, RowSelection.withinRetention(subject, at));
                Optional<RetentionWindow> window = connector.retentionWindow(category, subject, at);
                counted.add(new CategoryOutcome(category, all, all - held, held,
                        window.map(RetentionWindow::nextExpiry).orElse(null),
                        window.map(RetentionWindow::lastExpiry).orElse(null)));
            }
            return StepOutcome.of(counted);
        });
        for (DataCategory category : step.categories()) {
            if (step.parameters().restrictOnly(category)) {
                connector.restrict(category, RowSelection.allOf(subject));
                continue;
            }
            connector.erase(category, RowSelection.pastRetention(subject, at));
            connector.restrict(category, RowSelection.withinRetention(subject, at));
        }
        return planned;
    }

    /** A held category's retention ran out: erase what expired; what is still held waits for its next expiry. */
    private static StepOutcome eraseExpired(SystemConnector connector, SystemStep step, long subject, Instant now) {
        List<CategoryOutcome> outcome = new ArrayList<>();
        for (DataCategory category : step.categories()) {
            long erased = connector.erase(category, RowSelection.pastRetention(subject, now));
            long held = connector.count(category, RowSelection.withinRetention(subject, now));
            Optional<RetentionWindow> window = connector.retentionWindow(category, subject, now);
            outcome.add(new CategoryOutcome(category, erased + held, erased, held,
                    window.map(RetentionWindow::nextExpiry).orElse(null),
                    window.map(RetentionWindow::lastExpiry).orElse(null)));
        }
        return StepOutcome.of(outcome);
    }
}
