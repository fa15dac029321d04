package org.rightsflow.fulfilment.systems;

import java.time.Instant;
import java.util.List;
import org.rightsflow.datamap.DataCategory;
import org.rightsflow.datamap.SystemConnector;

/**
 * One system's part of a request: what is to be done there, by whom, and what was done.
 *
 * @param execution  who does it: the application through the connector, the system's worker, or a data operator
 * @param handedOver the system's worker did not finish within the system's time limit: a data operator did it
 * @param doneBy     who did it ({@link #DONE_BY_CONNECTOR}, {@link #DONE_BY_WORKER}, {@link #DONE_BY_PERSON})
 * @param operator   the data operator who recorded it (their user id), if a person did
 * @param note       the data operator's record of what was done (staff text)
 */
public record SystemStep(String id, String requestId, String reference, StepOperation operation, String systemId,
                         SystemConnector.Execution execution, List<DataCategory> categories, StepParameters parameters,
                         boolean done, String doneBy, boolean handedOver, String operator, StepOutcome outcome,
                         String note, Instant completedAt) {

    public static final String DONE_BY_CONNECTOR = "CONNECTOR";
    public static final String DONE_BY_WORKER = "WORKER";
    public static final String DONE_BY_PERSON = "PERSON";

    public SystemStep {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public boolean byPerson() {
        return DONE_BY_PERSON.equals(doneBy);
    }
}
