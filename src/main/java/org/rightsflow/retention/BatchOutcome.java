package org.rightsflow.retention;

/**
 * What one batch of a sweep step found.
 *
 * @param next               whether the step goes on
 * @param stepRowsErased     rows this run's step has erased so far (this batch included)
 * @param stepBatches        batches this run's step has committed so far
 */
public record BatchOutcome(Next next, long stepRowsErased, int stepBatches) {

    public enum Next {
        /** The batch was full: there may be more. */
        MORE,
        /** Nothing more to erase: the step is done. */
        DONE,
        /** A later run took this step over (this run had stopped on a failure): this run leaves it. */
        TAKEN_OVER
    }
}
