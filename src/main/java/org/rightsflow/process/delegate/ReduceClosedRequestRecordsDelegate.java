package org.rightsflow.process.delegate;

import static org.rightsflow.process.model.ProactiveDeletionModel.CLOSED_REQUESTS_OUTCOME;
import static org.rightsflow.process.model.ProactiveDeletionModel.CLOSED_REQUESTS_REDUCED;
import static org.rightsflow.process.model.ProactiveDeletionModel.OUTCOME_DONE;
import static org.rightsflow.process.model.ProactiveDeletionModel.OUTCOME_MORE;
import static org.rightsflow.process.model.ProactiveDeletionModel.REFERENCE;
import static org.rightsflow.process.model.ProactiveDeletionModel.RETENTION_CUTOFF;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.rightsflow.process.model.ProactiveDeletionModel;
import org.rightsflow.retention.ClosedRequestRecords;
import org.rightsflow.retention.ProactiveDeletionProperties;
import org.springframework.stereotype.Component;

/**
 * Task_ReduceClosedRequestRecords: one batch of requests closed longer ago than the configured period before the
 * run's cutoff, reduced in this job's transaction; whether the batch was full, and the run's count so far.
 */
@Component(ProactiveDeletionModel.BEAN_REDUCE_CLOSED_REQUESTS)
public class ReduceClosedRequestRecordsDelegate implements JavaDelegate {

    private final ClosedRequestRecords records;
    private final ProactiveDeletionProperties properties;

    public ReduceClosedRequestRecordsDelegate(ClosedRequestRecords records, ProactiveDeletionProperties properties) {
        this.records = records;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ClosedRequestRecords.Batch batch = records.reduceBatch((String) execution.getVariable(REFERENCE),
                ClosedRequestRecords.closedBefore(((Date) execution.getVariable(RETENTION_CUTOFF)).toInstant(),
                        properties.closedRequestRecordsAfter()), properties.batchSize());
        Object before = execution.getVariable(CLOSED_REQUESTS_REDUCED);
        execution.setVariable(CLOSED_REQUESTS_REDUCED, (before == null ? 0L : (Long) before) + batch.reduced());
        execution.setVariable(CLOSED_REQUESTS_OUTCOME, batch.full() ? OUTCOME_MORE : OUTCOME_DONE);
    }
}
