package org.rightsflow.fulfilment.copy;

import java.util.Optional;
import org.rightsflow.datamap.DataCategory;

/** The rows a system's worker uploaded for a step (kept encrypted until the package is built). */
public interface WorkerRows {

    /** The rows of the category the worker uploaded for the step; empty when it uploaded none. */
    Optional<CopyPackageWriter.RowSource> rows(String stepId, DataCategory category);

    /** Deletes what the workers uploaded for the request's steps: the package holds it now. */
    void deleteUploads(String requestId);
}
