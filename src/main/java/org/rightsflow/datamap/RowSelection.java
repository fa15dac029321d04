package org.rightsflow.datamap;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rows of a category an operation acts on: one subject's or every subject's (the nightly sweep), all of them
 * or only those a retention rule holds or no longer holds at an instant, at most {@code limit} at once (0: no
 * limit) so that a large sweep runs in many short transactions, and never the rows of the subjects in
 * {@code exceptSubjects} (a sweep leaves the data of accounts under legal hold alone).
 *
 * <p>A row is <em>within retention</em> at {@code at} when its anchor column is NULL (its period has not started)
 * or later than {@code at} minus the period; otherwise it is <em>past retention</em>. A category without a retention
 * rule has no row within retention: all its rows are past retention ("nothing holds them") — a sweep must therefore
 * only select categories that have a rule.
 *
 * @param subjectId      the subject, or null for every subject
 * @param at             the instant retention is judged at (ignored for {@link Scope#ALL})
 * @param exceptSubjects subjects whose rows are never selected (empty: none)
 */
public record RowSelection(Long subjectId, Scope scope, Instant at, int limit, Set<Long> exceptSubjects) {

    public enum Scope { ALL, WITHIN_RETENTION, PAST_RETENTION }

    public RowSelection {
        if (scope == null) {
            throw new IllegalArgumentException("a row selection needs a scope");
        }
        if (scope != Scope.ALL && at == null) {
            throw new IllegalArgumentException("a retention scope needs the instant it is judged at");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        exceptSubjects = exceptSubjects == null ? Set.of() : Set.copyOf(exceptSubjects);
    }

    public RowSelection(Long subjectId, Scope scope, Instant at, int limit) {
        this(subjectId, scope, at, limit, Set.of());
    }

    /** Every row of the subject. */
    public static RowSelection allOf(long subjectId) {
        return new RowSelection(subjectId, Scope.ALL, null, 0);
    }

    /** The subject's rows a retention rule still holds at {@code at}. */
    public static RowSelection withinRetention(long subjectId, Instant at) {
        return new RowSelection(subjectId, Scope.WITHIN_RETENTION, at, 0);
    }

    /** The subject's rows no retention rule holds at {@code at} (all of them when the category has no rule). */
    public static RowSelection pastRetention(long subjectId, Instant at) {
        return new RowSelection(subjectId, Scope.PAST_RETENTION, at, 0);
    }

    /** Every subject's rows past retention at {@code at}, at most {@code limit} of them (the nightly sweep). */
    public static RowSelection everySubjectPastRetention(Instant at, int limit) {
        return new RowSelection(null, Scope.PAST_RETENTION, at, limit);
    }

    /** Every row of the category, of every subject. */
    public static RowSelection everyRow() {
        return new RowSelection(null, Scope.ALL, null, 0);
    }

    public RowSelection limitedTo(int rows) {
        return new RowSelection(subjectId, scope, at, rows, exceptSubjects);
    }

    /** The same selection without the rows of these subjects (for example accounts under legal hold). */
    public RowSelection excluding(Collection<Long> subjects) {
        Set<Long> except = new TreeSet<>(exceptSubjects);
        except.addAll(subjects);
        return new RowSelection(subjectId, scope, at, limit, except);
    }

    /** The excluded subjects in ascending order (stable SQL and arguments). */
    public java.util.List<Long> exceptSubjectsInOrder() {
        return new TreeSet<>(exceptSubjects).stream().toList();
    }
}
