package org.rightsflow.retention;

/**
 * What a run did, in figures (no personal data: the process keeps these as variables).
 *
 * @param rowsErased     rows erased or anonymised by the run, automatically and by hand
 * @param stepsNotSwept  steps a data operator did not (or could not) sweep
 * @param stepsTakenOver steps a later run continued after this run had stopped on them
 */
public record SweepRunSummary(String reference, long rowsErased, int stepsNotSwept, int stepsTakenOver) {
}
